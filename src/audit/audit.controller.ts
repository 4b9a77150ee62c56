import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequireAdmin } from '../auth/access.js';
import { CurrentViewer, type Viewer } from '../auth/viewer.js';
import { formatGermanDate } from '../common/forms/field-formats.js';
import { pageRequest, pageView, queryString } from '../common/http/pagination.js';
import { AUDIT_ENTITY_TYPES } from './audit-entry.entity.js';
import { AUDIT_ENTITY_TYPE_LABELS } from './audit-labels.js';
import { AuditService } from './audit.service.js';
import { auditRow, berlinDayStart, foldedQueryText, parseAuditQuery } from './audit.view-model.js';

const PAGE_SIZE = 50;

/** The audit log for administrators, with filters; bad filter values fall back to "all". */
@Controller('admin/protokoll')
@RequireAdmin()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  async index(
    @Query('typ') typ: unknown,
    @Query('konto') konto: unknown,
    @Query('von') von: unknown,
    @Query('bis') bis: unknown,
    @Query('q') q: unknown,
    @Query('page') rawPage: unknown,
    @CurrentViewer() viewer: Viewer,
    @Res() res: Response,
  ): Promise<void> {
    const query = parseAuditQuery({ typ, konto, von, bis, q });
    const req = pageRequest(rawPage, PAGE_SIZE);
    const result = await this.audit.page(viewer, {
      entityType: query.entityType,
      accountId: query.accountId,
      from: query.fromDate ? berlinDayStart(query.fromDate) : undefined,
      until: query.toDate ? berlinDayStart(query.toDate, 1) : undefined,
      text: foldedQueryText(query.text),
      offset: req.offset,
      limit: req.pageSize,
    });
    const von2 = formatGermanDate(query.fromDate ?? null);
    const bis2 = formatGermanDate(query.toDate ?? null);
    const params = { typ: query.entityType, konto: query.accountId, von: von2, bis: bis2, q: query.text };
    res.setHeader('Cache-Control', 'no-store');
    res.render('audit/index', {
      pageTitle: 'Änderungsprotokoll',
      types: AUDIT_ENTITY_TYPES.map((t) => ({ value: t, label: AUDIT_ENTITY_TYPE_LABELS[t], selected: t === query.entityType })),
      actors: result.actors.map((a) => ({ value: a.accountId, label: a.name, selected: a.accountId === query.accountId })),
      from: von2,
      to: bis2,
      q: query.text,
      total: result.total,
      resultHeading: result.total === 1 ? '1 Eintrag' : `${result.total} Einträge`,
      rows: result.entries.map(auditRow),
      resetHref: queryString(params) ? '/admin/protokoll' : null,
      pager: pageView(req, result.total, (n) => `/admin/protokoll${queryString({ ...params, page: n > 1 ? n : undefined })}`),
    });
  }
}
