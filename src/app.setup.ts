import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import hbs from 'hbs';
import { APP_CONFIG, type AppConfig } from './config/app-config.js';
import { HttpExceptionFilter } from './common/errors/http-exception.filter.js';
import { ControlCharactersPipe } from './common/http/control-characters.pipe.js';
import { createAppLogger } from './common/logging/app-logger.js';
import { requestLogger } from './common/logging/request-logger.js';
import { PUBLIC_DIR, VIEWS_DIR } from './common/paths.js';
import { DatabaseService } from './database/database.service.js';
import { SeederService } from './seeder.service.js';
import { configureAuth, configureSecurity } from './auth/auth.setup.js';
import { join } from 'node:path';
import { configurePageCache } from './page-cache/page-cache.setup.js';

/**
 * Handlebars indents every line of a partial's output by the indentation of its `{{> partial}}` tag —
 * including the lines of a <textarea>'s text, so each re-rendered or edited multi-line value would gain
 * spaces. HTML needs no such indentation: compile every template (and partial) with preventIndent.
 */
function preventPartialIndent(): void {
  const handlebars = hbs.handlebars as { compile: typeof hbs.handlebars.compile; preventIndentOn?: boolean };
  if (handlebars.preventIndentOn) return;
  const compile = handlebars.compile.bind(hbs.handlebars);
  handlebars.compile = (input, options) => compile(input, { ...options, preventIndent: true });
  handlebars.preventIndentOn = true;
}

function registerPartials(dir: string): Promise<void> {
  return new Promise((resolve) => hbs.registerPartials(dir, () => resolve()));
}

/**
 * Everything that makes the Nest app *this* app: views, static files, error pages, migrations
 * and seeds. Used by main.ts and by every e2e test, so tests run the real thing.
 */
export async function configureApp(app: NestExpressApplication): Promise<NestExpressApplication> {
  const config = app.get<AppConfig>(APP_CONFIG);
  const logger = createAppLogger(config);
  app.useLogger(logger);
  app.use(requestLogger(logger, config));
  configureSecurity(app, config); // security headers (also on static files and errors) + Fetch-Metadata CSRF check
  app.disable('x-powered-by');
  app.useStaticAssets(PUBLIC_DIR, { prefix: '/static/', maxAge: config.nodeEnv === 'production' ? '1d' : 0 });
  const pageCache = configurePageCache(app, config); // anonymous pages from memory, before sessions and routing
  app.setBaseViewsDir(VIEWS_DIR);
  app.setViewEngine('hbs');
  preventPartialIndent();
  await registerPartials(join(VIEWS_DIR, 'partials'));
  app.set('view options', { layout: 'layout' });
  // Each template is compiled once per process, as in production; only development recompiles on every
  // render, so that an edited template shows without a restart. (Tests: recompiling every page and layout
  // on each request cost the fuzz suite 51 → 35 CPU s and the role × route matrix 25.7 → 21.8 CPU s.)
  app.set('view cache', config.nodeEnv !== 'development');
  app.use((_req: Request, res: Response, next: NextFunction) => {
    res.locals.siteName = config.siteName;
    res.locals.baseUrl = config.baseUrl;
    next();
  });
  app.useGlobalFilters(new HttpExceptionFilter());
  app.useGlobalPipes(new ControlCharactersPipe()); // no NUL or other control characters from any form or filter
  app.enableShutdownHooks();

  await app.get(DatabaseService).migrate();
  if (config.seedOnStart) {
    await app.get(SeederService).seed({ demo: config.seedDemo });
  }
  // first admin, demo accounts (linked to their demo people), sessions, viewer (after migrations and seeds, before routes)
  await configureAuth(app, (personKey) => app.get(SeederService).demoPersonId(personKey));
  pageCache.installMemberShortcut(); // members' cached pages: after the session and viewer, before routing
  return app;
}
