import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';

/**
 * The explorer a browser gets on `GET /graphql`: GraphiQL (the GraphQL Foundation's IDE, in GraphQL
 * Yoga's build, `@graphql-yoga/render-graphiql`) served by the gateway itself, so it works
 * offline, behind a strict proxy and in CI. Apollo Sandbox (a CDN page) is one link away.
 *
 * - The bundle, its CSS and Monaco's workers are served from the installed package under
 *   `/explorer/<version>/…` (gzip, cached for good: the version is in the path); the page itself is
 *   small and never cached, because it carries the configuration.
 * - The header editor is open by default. With demo logins configured (the embedded mode of
 *   `npm start` only; refused in production), a bar above the IDE signs in as a demo user in one
 *   click: it runs the `login` mutation and sends the token as `Authorization` with every operation
 *   (kept in this tab's sessionStorage, so closing the tab signs out; a token typed into the header
 *   editor wins over it).
 * - A GET that is not a browser navigation (no `text/html` in Accept, or JSON accepted too) is a
 *   GraphQL request and goes on to Apollo Server.
 */
export interface ExplorerOptions {
  /** Endpoint path the IDE talks to. */
  endpoint: string;
  /** Query shown in a new tab. */
  defaultQuery: string | undefined;
  /** One-click sign-in (development only). */
  demoSignIn: { logins: { tenantSlug: string; email: string }[]; password: string } | null;
}

export interface Explorer {
  /** Answers the request if it is the explorer's; false when it is not. */
  handle(request: IncomingMessage, response: ServerResponse, path: string): boolean;
}

interface Asset {
  type: string;
  body: Buffer;
  gzip: Buffer;
}

const PACKAGE = '@graphql-yoga/render-graphiql';

export function createExplorer(options: ExplorerOptions): Explorer {
  const require = createRequire(import.meta.url);
  const version = (require(`${PACKAGE}/package.json`) as { version: string }).version;
  const base = `/explorer/${version}/`;
  let assets: Map<string, Asset> | null = null;
  // Loaded on first use: the bundle is ~9 MB of JavaScript that a gateway without browsers never needs.
  const assetsNow = (): Map<string, Asset> => {
    if (assets) return assets;
    const bundle = require(`${PACKAGE}/graphiql`) as Record<'js' | 'css' | 'editorWorkerService' | 'jsonWorker' | 'graphqlWorker', string>;
    const asset = (type: string, text: string): Asset => {
      const body = Buffer.from(text, 'utf8');
      return { type, body, gzip: gzipSync(body) };
    };
    assets = new Map([
      ['graphiql.js', asset('text/javascript; charset=utf-8', bundle.js)],
      ['graphiql.css', asset('text/css; charset=utf-8', bundle.css)],
      ['editor.worker.js', asset('text/javascript; charset=utf-8', bundle.editorWorkerService)],
      ['json.worker.js', asset('text/javascript; charset=utf-8', bundle.jsonWorker)],
      ['graphql.worker.js', asset('text/javascript; charset=utf-8', bundle.graphqlWorker)],
    ]);
    return assets;
  };

  const send = (request: IncomingMessage, response: ServerResponse, status: number, asset: Asset, cacheControl: string) => {
    const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    const body = gzip ? asset.gzip : asset.body;
    response.writeHead(status, {
      'content-type': asset.type,
      'content-length': body.length,
      'cache-control': cacheControl,
      'x-content-type-options': 'nosniff',
      vary: 'accept-encoding',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  };

  return {
    handle(request, response, path) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return false;
      if (path.startsWith('/explorer/')) {
        const asset = path.startsWith(base) ? assetsNow().get(path.slice(base.length)) : undefined;
        if (!asset) return false;
        send(request, response, 200, asset, 'public, max-age=31536000, immutable');
        return true;
      }
      if (path !== options.endpoint && path !== '/') return false;
      // A browser navigation (GraphiQL keeps the query in the URL, so `?query=` included); GraphQL
      // clients ask for JSON.
      const accept = String(request.headers.accept ?? '');
      if (!accept.includes('text/html') || /application\/(graphql-response\+)?json/.test(accept)) return false;
      const page = Buffer.from(renderPage(options, base), 'utf8');
      send(request, response, 200, { type: 'text/html; charset=utf-8', body: page, gzip: gzipSync(page) }, 'no-store');
      return true;
    },
  };
}

/** JSON for a <script type="application/json"> block: `<` escaped so no value can close the tag. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

function renderPage(options: ExplorerOptions, base: string): string {
  const config = {
    endpoint: options.endpoint,
    defaultQuery: options.defaultQuery ?? null,
    demoSignIn: options.demoSignIn,
  };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>Graph explorer</title>
<link rel="stylesheet" href="${base}graphiql.css" />
<style>
  html, body { height: 100%; margin: 0; }
  body { display: flex; flex-direction: column; }
  #explorer-bar { display: flex; gap: 12px; align-items: center; padding: 6px 12px; font: 13px system-ui, sans-serif;
    border-bottom: 1px solid #ddd; background: #f7f7f8; color: #222; }
  #explorer-bar .spacer { flex: 1; }
  #explorer-bar button, #explorer-bar select { font: inherit; padding: 2px 8px; }
  #explorer-bar .error { color: #b00020; }
  #root { flex: 1; min-height: 0; }
</style>
</head>
<body>
<div id="explorer-bar">
  <strong>Graph explorer</strong>
  <span id="explorer-auth"></span>
  <span class="spacer"></span>
  <a id="explorer-sandbox" target="_blank" rel="noopener">Open in Apollo Sandbox (online)</a>
</div>
<div id="root"></div>
<script type="application/json" id="explorer-config">${scriptJson(config)}</script>
<script>
  self.MonacoEnvironment = {
    globalAPI: false,
    getWorkerUrl: function (_moduleId, label) {
      return ${scriptJson(base)} + (label === 'json' ? 'json.worker.js' : label === 'graphql' ? 'graphql.worker.js' : 'editor.worker.js');
    },
  };
</script>
<script src="${base}graphiql.js"></script>
<script>
(function () {
  var config = JSON.parse(document.getElementById('explorer-config').textContent);
  var endpoint = new URL(config.endpoint, location.href).href;
  document.getElementById('explorer-sandbox').href =
    'https://studio.apollographql.com/sandbox/explorer?endpoint=' + encodeURIComponent(endpoint);
  var auth = document.getElementById('explorer-auth');

  function text(tag, value, className) {
    var element = document.createElement(tag);
    element.textContent = value;
    if (className) element.className = className;
    return element;
  }

  // Read on every operation GraphiQL sends, so signing in or out needs no reload (and keeps the tabs).
  function authorization() {
    var token = sessionStorage.getItem('explorer:token');
    return token ? { authorization: 'Bearer ' + token } : {};
  }

  function renderBar() {
    auth.replaceChildren();
    var who = sessionStorage.getItem('explorer:who');
    if (sessionStorage.getItem('explorer:token')) {
      auth.append(text('span', 'Signed in as ' + who + ' (its token goes with every operation) '));
      var signOut = text('button', 'Sign out');
      signOut.id = 'explorer-sign-out';
      signOut.onclick = function () {
        sessionStorage.removeItem('explorer:token');
        sessionStorage.removeItem('explorer:who');
        renderBar();
      };
      auth.append(signOut);
    } else if (config.demoSignIn) {
      var select = document.createElement('select');
      select.id = 'explorer-demo-user';
      config.demoSignIn.logins.forEach(function (login, index) {
        var option = text('option', login.email);
        option.value = String(index);
        select.append(option);
      });
      var signIn = text('button', 'Sign in as demo user');
      signIn.id = 'explorer-sign-in';
      var failure = text('span', '', 'error');
      signIn.onclick = function () {
        var login = config.demoSignIn.logins[Number(select.value)];
        signIn.disabled = true;
        fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({
            query: 'mutation ExplorerSignIn($input: LoginInput!) { login(input: $input) { accessToken } }',
            variables: { input: { tenantSlug: login.tenantSlug, email: login.email, password: config.demoSignIn.password } },
          }),
        })
          .then(function (response) { return response.json(); })
          .then(function (body) {
            if (!body.data || !body.data.login) throw new Error((body.errors && body.errors[0] && body.errors[0].message) || 'sign-in failed');
            sessionStorage.setItem('explorer:token', body.data.login.accessToken);
            sessionStorage.setItem('explorer:who', login.email + ' (' + login.tenantSlug + ')');
            renderBar();
          })
          .catch(function (error) {
            signIn.disabled = false;
            failure.textContent = String(error.message || error);
          });
      };
      auth.append(select, signIn, failure);
    } else {
      auth.append(text('span', 'Send a token in the Headers tab: {"Authorization": "Bearer <accessToken>"}'));
    }
  }
  renderBar();

  var graphiql = {
    endpoint: config.endpoint,
    title: 'Graph explorer',
    isHeadersEditorEnabled: true,
    defaultEditorToolsVisibility: 'headers',
    additionalHeaders: authorization,
  };
  if (config.defaultQuery) graphiql.defaultQuery = config.defaultQuery;
  YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), graphiql);
})();
</script>
</body>
</html>
`;
}
