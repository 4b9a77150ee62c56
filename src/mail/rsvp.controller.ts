import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { locationText } from '../meetings/location-view.js';
import { noStore } from '../auth/session-helpers.js';
import { rsvpPage } from './mail.view-model.js';
import { RSVP_ANSWERS, type RsvpAnswer } from '../meetings/rsvp-rules.js';
import { RsvpService } from './rsvp.service.js';

function answerFrom(body: unknown): RsvpAnswer | null {
  const raw = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).antwort : undefined;
  return typeof raw === 'string' && (RSVP_ANSWERS as readonly string[]).includes(raw) ? (raw as RsvpAnswer) : null;
}

/** /antwort/<token>: answering an invitation from the link in the mail, without logging in. */
@Controller('antwort')
export class RsvpController {
  constructor(private readonly rsvp: RsvpService) {}

  @Get(':token')
  async show(@Param('token') token: string, @Query('gespeichert') saved: unknown, @Res() res: Response): Promise<void> {
    const ctx = await this.rsvp.context(token);
    noStore(res);
    res.setHeader('X-Robots-Tag', 'noindex');
    res.render('mail/rsvp', rsvpPage(ctx, token, locationText(ctx.meeting.location), saved === '1'));
  }

  @Post(':token')
  async answer(@Param('token') token: string, @Body() body: unknown, @Res() res: Response): Promise<void> {
    noStore(res);
    res.setHeader('X-Robots-Tag', 'noindex');
    const answer = answerFrom(body);
    if (!answer) {
      const ctx = await this.rsvp.context(token);
      res.status(422).render('mail/rsvp', rsvpPage(ctx, token, locationText(ctx.meeting.location), false, 'Bitte wählen Sie eine der Antworten.'));
      return;
    }
    await this.rsvp.answer(token, answer);
    res.redirect(303, `/antwort/${token}?gespeichert=1`);
  }
}
