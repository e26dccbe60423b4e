-- One PostgreSQL server, five databases, five roles: each subgraph can reach only its own database.
-- Passwords come from the environment of the compose file (see deploy/postgres/init.sh).
\set ON_ERROR_STOP on
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', name, password)
FROM (VALUES
  ('users_svc', :'users_password'),
  ('catalog_svc', :'catalog_password'),
  ('shipping_svc', :'shipping_password'),
  ('exports_svc', :'exports_password'),
  ('audit_svc', :'audit_password')
) AS roles(name, password) \gexec

CREATE DATABASE users OWNER users_svc;
CREATE DATABASE catalog OWNER catalog_svc;
CREATE DATABASE shipping OWNER shipping_svc;
CREATE DATABASE exports OWNER exports_svc;
CREATE DATABASE audit OWNER audit_svc;

REVOKE CONNECT ON DATABASE users, catalog, shipping, exports, audit FROM PUBLIC;
GRANT CONNECT ON DATABASE users TO users_svc;
GRANT CONNECT ON DATABASE catalog TO catalog_svc;
GRANT CONNECT ON DATABASE shipping TO shipping_svc;
GRANT CONNECT ON DATABASE exports TO exports_svc;
GRANT CONNECT ON DATABASE audit TO audit_svc;
