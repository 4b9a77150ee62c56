import { Controller, Get, Headers, Inject, Render } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { accessibilityStatement } from './accessibility-statement.js';

/** Fixed pages every public site needs (accessibility statement). */
@Controller()
export class PagesController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get('barrierefreiheit')
  @Render('pages/accessibility')
  accessibility(@Headers('referer') referer: string | undefined) {
    return accessibilityStatement({
      siteName: this.config.siteName,
      baseUrl: this.config.baseUrl,
      contactEmail: this.config.accessibilityContact,
      referer,
    });
  }
}
