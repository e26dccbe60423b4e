import { defineConfig } from 'vite';

// In the repository @fed/sdk resolves to its TypeScript sources (the `@fed/source` export condition);
// an app that installed the packed SDK gets its dist/ without any of this.
export default defineConfig({
  resolve: { conditions: ['@fed/source', 'module', 'browser', 'development|production'] },
  server: { host: '127.0.0.1', port: 5173 },
});
