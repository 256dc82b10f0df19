import { existsSync } from 'node:fs';
import path from 'node:path';

import express from 'express';
import type { Router } from 'express';

/**
 * Serves the built editor, and its `index.html` for every other GET of a page path so that
 * client-side routes survive a reload. Without a build, says how to make one instead of a bare 404.
 */
export function editorRoutes(editorDir: string): Router {
  const routes = express.Router();
  const indexFile = path.join(editorDir, 'index.html');
  routes.use(express.static(editorDir, { index: false, maxAge: '1h' }));
  routes.get(/^(?!\/(trpc|api|auth|endpoint|webhooks)(\/|$)).*/, (req, res, next) => {
    // A path naming a file (`/assets/missing.js`, `/favicon.ico`) that does not exist is a
    // 404, not the editor page.
    if (path.extname(req.path) !== '') {
      next();

      return;
    }
    if (!existsSync(indexFile)) {
      res
        .status(503)
        .type('text/plain')
        .send(`The editor has not been built (no ${indexFile}). Run: npm run build`);

      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexFile);
  });

  return routes;
}
