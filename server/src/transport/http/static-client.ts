import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';

const PLACEHOLDER = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Eventflow</title></head>
<body><h1>Eventflow</h1><p>The server is running. The client has not been built yet (<code>npm run build</code>).</p>
<p>API: <a href="/api/health">/api/health</a>, <a href="/api/examples">/api/examples</a>, <a href="/api/flows">/api/flows</a></p></body></html>`;

/** Serves the built client with an SPA fallback; a placeholder page until `client/dist` exists. */
export function serveClient(app: Express, staticDir: string): void {
  app.use(express.static(staticDir, { index: 'index.html', maxAge: '1h', setHeaders: noCacheForHtml }));
  app.get('/{*splat}', (req, res, next) => {
    if (req.path.startsWith('/api/') || req.path === '/api') return next();
    const index = path.join(staticDir, 'index.html');
    res.setHeader('Cache-Control', 'no-cache');
    if (existsSync(index)) res.sendFile(index);
    else res.type('html').send(PLACEHOLDER);
  });
}

function noCacheForHtml(res: express.Response, file: string): void {
  if (file.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
}
