/** The page at / until the web console lands: where to look next. */
export const landingPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cashloop</title>
<style>body{font-family:system-ui,sans-serif;max-width:42rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1b2430}
code{background:#eef2f6;padding:.1rem .3rem;border-radius:3px}a{color:#0b5cad}</style></head>
<body><h1>Cashloop</h1>
<p>Order-to-cash for finance teams: invoices, payments, cash application, collections and AR analytics.</p>
<ul>
<li><a href="/docs">API documentation</a> (interactive) and the <a href="/openapi.json">OpenAPI document</a></li>
<li><a href="/health">Health</a></li>
</ul>
<p>Every API call needs <code>Authorization: Bearer &lt;API key&gt;</code>. The admin key was printed when the server first started
(or is <code>CASHLOOP_BOOTSTRAP_KEY</code>). Try <code>GET /v1/reports/aging</code> and <code>GET /v1/ledger/trial-balance</code>.</p>
</body></html>`;
