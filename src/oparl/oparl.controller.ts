import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { canonicalRedirect, oparlAnswer, sendFailure, sendOparlAnswer, sendOparlError, setOparlHeaders } from './oparl-http.js';
import { parseListQuery } from './oparl-list.js';
import { BODY_LISTS, type BodyList, NETWORK_BODY_ID, parseObjectId, parseOrganizationKey } from './oparl-urls.js';
import { OparlAnswerCache } from './oparl-answer-cache.js';
import { OparlNotFound, OparlService } from './oparl.service.js';

/** The OParl 1.1 interface (read-only, public data only): entry point /oparl/v1.1/system. */
@Controller('oparl/v1.1')
export class OparlController {
  constructor(
    private readonly oparl: OparlService,
    private readonly cache: OparlAnswerCache,
  ) {}

  /**
   * Every answer goes through here: canonical URL (301 otherwise), CORS, the answer cache per content
   * version, ETag/304, and every failure as an OParl Error object.
   */
  private async respond(req: Request, res: Response, produce: () => Promise<unknown>): Promise<void> {
    try {
      const canonical = canonicalRedirect(req);
      if (canonical) {
        setOparlHeaders(res);
        res.redirect(301, canonical);
        return;
      }
      const cc = req.headers['cache-control'];
      const refresh = (typeof cc === 'string' && /\bno-(?:cache|store)\b/i.test(cc)) || req.headers.pragma === 'no-cache';
      const answer = await this.cache.answer(req.originalUrl, async () => oparlAnswer(await produce()), refresh);
      sendOparlAnswer(req, res, answer);
    } catch (error) {
      sendFailure(req, res, error);
    }
  }

  private static id(raw: string): number {
    const id = parseObjectId(raw);
    if (id === null) throw new OparlNotFound();
    return id;
  }

  @Get('system')
  system(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.respond(req, res, () => this.oparl.system());
  }

  @Get('body')
  bodyList(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.respond(req, res, () => this.oparl.bodyList(parseListQuery(req.query)));
  }

  @Get('body/:body')
  body(@Param('body') body: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.respond(req, res, () => {
      if (body !== NETWORK_BODY_ID) throw new OparlNotFound();
      return this.oparl.body();
    });
  }

  @Get('body/:body/:list')
  list(@Param('body') body: string, @Param('list') list: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.respond(req, res, () => {
      if (body !== NETWORK_BODY_ID || !(BODY_LISTS as readonly string[]).includes(list)) throw new OparlNotFound();
      return this.oparl.list(list as BodyList, parseListQuery(req.query));
    });
  }

  @Get('organization/:key')
  organization(@Param('key') raw: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.respond(req, res, () => {
      const key = parseOrganizationKey(raw);
      if (!key) throw new OparlNotFound();
      return this.oparl.organization(key);
    });
  }

  @Get('organization/:key/meeting')
  organizationMeetings(@Param('key') raw: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.respond(req, res, () => {
      const key = parseOrganizationKey(raw);
      if (!key || key.kind !== 'gremium') throw new OparlNotFound();
      return this.oparl.gremiumMeetings(key.id, parseListQuery(req.query));
    });
  }

  @Get('person/:id')
  person(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.respond(req, res, () => this.oparl.person(OparlController.id(id), parseListQuery(req.query).omitInternal));
  }

  @Get('membership/:id')
  membership(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.respond(req, res, () => this.oparl.membership(OparlController.id(id)));
  }

  @Get('meeting/:id')
  meeting(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.respond(req, res, () => this.oparl.meeting(OparlController.id(id), parseListQuery(req.query).omitInternal));
  }

  @Get('agenda-item/:id')
  agendaItem(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.respond(req, res, () => this.oparl.agendaItem(OparlController.id(id)));
  }

  @Get('location/:id')
  location(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.respond(req, res, () => this.oparl.locationById(OparlController.id(id)));
  }

  @Get('file/:id')
  file(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.respond(req, res, () => this.oparl.file(OparlController.id(id)));
  }

  /** Anything else under the prefix: an OParl Error object, not the HTML error page. */
  @Get('*path')
  unknown(@Req() req: Request, @Res() res: Response): void {
    const canonical = canonicalRedirect(req);
    if (canonical) {
      setOparlHeaders(res);
      res.redirect(301, canonical);
      return;
    }
    sendOparlError(req, res, 404, 'Diese Adresse gibt es in der OParl-Schnittstelle nicht. Einstieg: /oparl/v1.1/system');
  }
}
