import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequireAdmin } from '../auth/access.js';
import { CurrentViewer, type Viewer } from '../auth/viewer.js';
import { notFound } from '../common/errors/user-facing.js';
import { formView, readForm } from '../common/forms/form.js';
import { queryText } from '../common/http/pagination.js';
import { CsvFormatError, decodeUpload, parseCsv } from './csv-format.js';
import { IMPORT_KINDS, type ImportKind } from './import-draft.entity.js';
import { TransferService } from './transfer.service.js';
import { IMPORT_FORM, KIND_LABELS, KIND_SLUGS, kindFromSlug, previewView } from './transfer.view-model.js';
import type { UploadRequest } from './upload.middleware.js';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

function noStore(res: Response): void {
  res.setHeader('Cache-Control', 'no-store');
}

/** CSV export and import for administrators: /admin/daten. */
@Controller('admin/daten')
@RequireAdmin()
export class TransferController {
  constructor(private readonly transfer: TransferService) {}

  @Get()
  index(@Query('importiert') rawDone: unknown, @Res() res: Response): void {
    const done = queryText(rawDone, 10);
    noStore(res);
    res.render('transfer/index', {
      ...this.indexModel(),
      notice: /^\d{1,6}$/.test(done) ? `Import abgeschlossen: ${done} Einträge angelegt oder geändert.` : null,
      form: formView(IMPORT_FORM),
      fileError: null,
    });
  }

  @Get('export/:file')
  async export(@Param('file') file: string, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const kind = kindFromSlug(file.replace(/\.csv$/, ''));
    if (!kind || !file.endsWith('.csv')) throw notFound('Diesen Export gibt es nicht.');
    const csv = await this.transfer.exportCsv(viewer, kind);
    noStore(res);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${KIND_SLUGS[kind]}.csv"`);
    res.send(csv);
  }

  @Post('import')
  async upload(@CurrentViewer() viewer: Viewer, @Body() body: unknown, @Req() req: UploadRequest, @Res() res: Response): Promise<void> {
    noStore(res);
    const values = readForm(IMPORT_FORM, body);
    const kind = (IMPORT_KINDS as readonly string[]).includes(values.kind) ? (values.kind as ImportKind) : undefined;
    let fileError = req.uploadError ?? (req.file ? null : 'Bitte wählen Sie eine CSV-Datei aus.');
    let content = '';
    if (!fileError && req.file) {
      content = decodeUpload(req.file.buffer);
      try {
        parseCsv(content);
      } catch (e) {
        if (!(e instanceof CsvFormatError)) throw e;
        fileError = e.message;
      }
    }
    if (!kind || fileError || !req.file) {
      const form = formView(IMPORT_FORM, values, kind ? {} : { kind: 'Bitte wählen Sie, was importiert wird.' });
      res.status(422).render('transfer/index', { ...this.indexModel(), pageTitle: 'Fehler: Import und Export', notice: null, form, fileError, hasErrors: true });
      return;
    }
    const token = await this.transfer.upload(viewer, kind, req.file.originalname, content);
    res.redirect(303, `/admin/daten/import/${token}`);
  }

  @Get('import/:token')
  async preview(@Param('token') token: string, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    if (!TOKEN.test(token)) throw notFound('Diese hochgeladene Datei gibt es nicht (mehr).');
    const { draft, plan } = await this.transfer.preview(viewer, token);
    noStore(res);
    res.render('transfer/preview', { ...this.previewModel(draft.kind, draft.fileName, token), ...previewView(plan), notice: null });
  }

  @Post('import/:token')
  async confirm(@Param('token') token: string, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    if (!TOKEN.test(token)) throw notFound('Diese hochgeladene Datei gibt es nicht (mehr).');
    const result = await this.transfer.confirm(viewer, token);
    noStore(res);
    if (result.ok) {
      res.redirect(303, `/admin/daten?importiert=${result.written}`);
      return;
    }
    const notice =
      result.reason === 'changed'
        ? 'Die Daten im Verzeichnis haben sich seit der Vorschau geändert. Bitte prüfen Sie die neue Vorschau und bestätigen Sie noch einmal.'
        : 'Nichts wurde importiert: Die Datei enthält Fehler. Bitte korrigieren Sie die markierten Zeilen und laden Sie die Datei neu hoch.';
    const model = this.previewModel(result.preview.draft.kind, result.preview.draft.fileName, token);
    res.status(result.reason === 'changed' ? 409 : 422).render('transfer/preview', { ...model, pageTitle: `Fehler: ${model.pageTitle}`, ...previewView(result.preview.plan), notice });
  }

  private indexModel() {
    return {
      pageTitle: 'Import und Export',
      exports: (['organisations', 'people', 'memberships'] as const).map((k) => ({ label: KIND_LABELS[k], href: `/admin/daten/export/${KIND_SLUGS[k]}.csv` })),
      hasErrors: false,
    };
  }

  private previewModel(kind: ImportKind, fileName: string, token: string) {
    return { pageTitle: `Vorschau: ${KIND_LABELS[kind]} importieren`, kindLabel: KIND_LABELS[kind], fileName, action: `/admin/daten/import/${token}` };
  }
}
