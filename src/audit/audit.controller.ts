import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequireAdmin } from '../auth/access.js';
import { CurrentViewer, type Viewer } from '../auth/viewer.js';
import { formatGermanDate } from '../common/forms/field-formats.js';
import { pageRequest, pageView, queryString } from '../common/http/pagination.js';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES } from './audit-entry.entity.js';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_TYPE_LABELS } from './audit-labels.js';
import { AuditService } from './audit.service.js';
import { auditRow, berlinDayStart, filterErrors, foldedQueryText, parseAuditQuery, PERSON_ROLE_PARAMS, personRoleOptions } from './audit.view-model.js';

const PAGE_SIZE = 50;

/**
 * The audit log ("Änderungsprotokoll") for administrators, with filters by kind, body, person, account,
 * period and text. Unusable filter values are named in German (422) and left out; the rest applies.
 */
@Controller('admin/protokoll')
@RequireAdmin()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  async index(
    @Query('typ') typ: unknown,
    @Query('aktion') aktion: unknown,
    @Query('gremium') gremium: unknown,
    @Query('konto') konto: unknown,
    @Query('person') person: unknown,
    @Query('bezug') bezug: unknown,
    @Query('von') von: unknown,
    @Query('bis') bis: unknown,
    @Query('q') q: unknown,
    @Query('page') rawPage: unknown,
    @CurrentViewer() viewer: Viewer,
    @Res() res: Response,
  ): Promise<void> {
    const options = await this.audit.options(viewer);
    const query = parseAuditQuery(
      { typ, aktion, gremium, konto, person, bezug, von, bis, q },
      { bodyIds: new Set(options.bodies.map((b) => b.id)), personIds: new Set(options.people.map((p) => p.id)), accountIds: new Set(options.actors.map((a) => a.accountId)) },
    );
    const req = pageRequest(rawPage, PAGE_SIZE);
    const result = await this.audit.entries(viewer, {
      entityType: query.entityType,
      action: query.action,
      bodyId: query.bodyId,
      accountId: query.accountId,
      person: query.personId === undefined ? undefined : { id: query.personId, role: query.personRole },
      from: query.fromDate ? berlinDayStart(query.fromDate) : undefined,
      until: query.toDate ? berlinDayStart(query.toDate, 1) : undefined,
      text: foldedQueryText(query.text),
      offset: req.offset,
      limit: req.pageSize,
    });
    const von2 = query.fromDate && !query.errors.von ? formatGermanDate(query.fromDate) : query.fromText;
    const bis2 = query.toDate && !query.errors.bis ? formatGermanDate(query.toDate) : query.toText;
    const params = {
      typ: query.entityType,
      aktion: query.action,
      gremium: query.bodyId,
      konto: query.accountId,
      person: query.personId,
      bezug: query.personId === undefined ? undefined : PERSON_ROLE_PARAMS[query.personRole] || undefined,
      von: query.fromDate ? formatGermanDate(query.fromDate) : undefined,
      bis: query.toDate ? formatGermanDate(query.toDate) : undefined,
      q: query.text,
    };
    const bodyNames = new Map(options.bodies.map((b) => [b.id, b.name]));
    const errors = filterErrors(query.errors);
    res.setHeader('Cache-Control', 'no-store');
    res.status(errors.list.length > 0 ? 422 : 200);
    res.render('audit/index', {
      pageTitle: 'Änderungsprotokoll',
      errors,
      types: AUDIT_ENTITY_TYPES.map((t) => ({ value: t, label: AUDIT_ENTITY_TYPE_LABELS[t], selected: t === query.entityType })),
      actions: AUDIT_ACTIONS.map((a) => ({ value: a, label: AUDIT_ACTION_LABELS[a], selected: a === query.action })),
      selfEditsHref: '/admin/protokoll?aktion=self_edit',
      bodies: options.bodies.map((b) => ({ value: b.id, label: b.name, selected: b.id === query.bodyId })),
      actors: options.actors.map((a) => ({ value: a.accountId, label: a.name, selected: a.accountId === query.accountId })),
      people: options.people.map((p) => ({ value: p.id, label: p.sortName, selected: p.id === query.personId })),
      roles: personRoleOptions(query.personRole),
      from: von2,
      to: bis2,
      q: query.text,
      total: result.total,
      resultHeading: result.total === 1 ? '1 Eintrag' : `${result.total} Einträge`,
      rows: result.entries.map((e) => auditRow(e, bodyNames)),
      resetHref: queryString(params) || errors.list.length > 0 ? '/admin/protokoll' : null,
      pager: pageView(req, result.total, (n) => `/admin/protokoll${queryString({ ...params, page: n > 1 ? n : undefined })}`),
    });
  }
}
