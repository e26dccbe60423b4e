-- Reference data: the countries manifests can ship from and to, with their shipping zone.
-- Kept in a migration (not a seed) because every environment needs it, production included.
INSERT INTO "Country" ("code", "name", "zone", "active") VALUES
    ('AE', 'United Arab Emirates', 'MIDDLE_EAST', true),
    ('BR', 'Brazil', 'AMERICAS', true),
    ('CA', 'Canada', 'AMERICAS', true),
    ('CN', 'China', 'ASIA', true),
    ('DE', 'Germany', 'EUROPE', true),
    ('DJ', 'Djibouti', 'AFRICA', true),
    ('ET', 'Ethiopia', 'AFRICA', true),
    ('FR', 'France', 'EUROPE', true),
    ('GB', 'United Kingdom', 'EUROPE', true),
    ('IN', 'India', 'ASIA', true),
    ('IT', 'Italy', 'EUROPE', true),
    ('JP', 'Japan', 'ASIA', true),
    ('KE', 'Kenya', 'AFRICA', true),
    ('KR', 'South Korea', 'ASIA', true),
    ('NL', 'Netherlands', 'EUROPE', true),
    ('SA', 'Saudi Arabia', 'MIDDLE_EAST', true),
    ('US', 'United States', 'AMERICAS', true),
    ('ZA', 'South Africa', 'AFRICA', true),
    ('KP', 'North Korea', 'ASIA', false)
ON CONFLICT ("code") DO NOTHING;
