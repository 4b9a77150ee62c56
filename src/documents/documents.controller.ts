import { Readable } from 'node:stream';
import { Body as RequestBody, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import yazl from 'yazl';
import { CurrentViewer, type Viewer } from '../auth/viewer.js';
import { type ConfirmPage, renderConfirmPage, submitConfirmed } from '../common/forms/confirm-form.js';
import { type FormErrors, formView, FormRejected, readForm, validateForm } from '../common/forms/form.js';
import { isNotModified } from '../common/http/conditional-get.js';
import { IdParamPipe } from '../common/http/id-param.pipe.js';
import { formatDateTime } from '../common/dates.js';
import type { AgendaItem } from '../meetings/agenda-item.entity.js';
import type { Meeting } from '../meetings/meeting.entity.js';
import { shortDate } from '../meetings/meetings.view-model.js';
import { type DocumentUploadRequest, MAX_FILES_PER_UPLOAD, uploadedFiles } from './document-upload.middleware.js';
import { ACCEPT_ATTRIBUTE, ALLOWED_TYPES_TEXT, isInlineType } from './document-types.js';
import { dispositionFor, formatBytes, uniqueNames } from './document-view.js';
import { type DocumentVisibility } from './document.entity.js';
import { DOCUMENT_REMOVE_FORM, DOCUMENT_UPLOAD_FORM, type DocumentUploadField, DocumentUploadDto } from './documents.forms.js';
import { DocumentsService, type UploadedFile } from './documents.service.js';

type UploadValues = Record<DocumentUploadField, string>;

function agendaOptions(agenda: readonly AgendaItem[]): { value: string; label: string }[] {
  return [{ value: '', label: 'Allgemeine Unterlagen der Sitzung' }, ...agenda.map((a) => ({ value: String(a.id), label: `TOP ${a.number} ${a.title}${a.isPublic ? '' : ' (nicht öffentlich)'}` }))];
}

function filesOf(req: DocumentUploadRequest): UploadedFile[] {
  return uploadedFiles(req).map((f) => ({ originalName: f.originalname, bytes: f.buffer }));
}

/**
 * Meeting documents: upload (chairs and the body's secretary), download with RFC 6266 names and
 * validators, versions, removal, and one ZIP of everything the viewer may see.
 */
@Controller()
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  private limitsText(): string {
    const { maxBytes, quotaBytes } = this.documents.limits;
    return `Höchstens ${formatBytes(maxBytes)} je Datei und ${MAX_FILES_PER_UPLOAD} Dateien auf einmal; alle Unterlagen zusammen höchstens ${formatBytes(quotaBytes)}. Erlaubt sind ${ALLOWED_TYPES_TEXT}. Programme, Skripte, HTML- und SVG-Dateien werden nicht angenommen.`;
  }

  private uploadModel(meeting: Meeting, agenda: readonly AgendaItem[], values: Partial<UploadValues>, errors: FormErrors<DocumentUploadField>, fileError: string | null) {
    const form = formView(DOCUMENT_UPLOAD_FORM, values, errors, { agendaItemId: agendaOptions(agenda) });
    const title = `Unterlagen hochladen: ${meeting.title}`;
    return {
      pageTitle: form.hasErrors || fileError ? `Fehler: ${title}` : title,
      meeting: { title: meeting.title, href: `/sitzungen/${meeting.id}`, date: shortDate(meeting.startsAt) },
      action: `/sitzungen/${meeting.id}/unterlagen/neu`,
      form,
      fileError,
      hasErrors: form.hasErrors || fileError !== null,
      limits: this.limitsText(),
      accept: ACCEPT_ATTRIBUTE,
    };
  }

  @Get('sitzungen/:id/unterlagen/neu')
  async uploadForm(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const { meeting, agenda } = await this.documents.forManage(id, viewer, `/sitzungen/${id}/unterlagen/neu`);
    const values: Partial<UploadValues> = { agendaItemId: '', visibility: this.documents.defaultVisibility(meeting, null) };
    res.render('documents/upload', this.uploadModel(meeting, agenda, values, {}, null));
  }

  @Post('sitzungen/:id/unterlagen/neu')
  async upload(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @RequestBody() body: unknown, @Req() req: DocumentUploadRequest, @Res() res: Response): Promise<void> {
    const { meeting, agenda } = await this.documents.forManage(id, viewer);
    const values = readForm(DOCUMENT_UPLOAD_FORM, body);
    const again = (errors: FormErrors<DocumentUploadField>, fileError: string | null): void => {
      res.status(422).render('documents/upload', this.uploadModel(meeting, agenda, values, errors, fileError));
    };
    if (req.uploadError) return again({}, req.uploadError);
    const valid = await validateForm(DOCUMENT_UPLOAD_FORM, DocumentUploadDto, values);
    if (!valid.ok) return again(valid.errors, null);
    try {
      await this.documents.upload(
        viewer,
        id,
        {
          agendaItemId: values.agendaItemId === '' ? null : Number(values.agendaItemId),
          title: values.title.trim(),
          description: values.description.trim() || null,
          visibility: values.visibility as DocumentVisibility,
        },
        filesOf(req),
      );
      res.redirect(303, `/sitzungen/${id}#unterlagen`);
    } catch (e) {
      if (!(e instanceof FormRejected)) throw e;
      const { datei, ...fields } = e.errors;
      return again(fields, datei ?? null);
    }
  }

  /**
   * Sends a file with its real name (RFC 6266/5987), type, length and validators; 304 when unchanged.
   * PDFs and images open in the browser unless `?download=1` asks for a download (OParl downloadUrl).
   */
  private send(req: Request, res: Response, file: Awaited<ReturnType<DocumentsService['file']>>): void {
    const { version, bytes, isPrivate } = file;
    res.setHeader('ETag', `"${version.blobSha256}"`);
    res.setHeader('Last-Modified', version.uploadedAt.toUTCString());
    res.setHeader('Cache-Control', isPrivate ? 'private, no-cache' : 'public, no-cache');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const inline = isInlineType(version.mimeType) && req.query.download !== '1';
    res.setHeader('Content-Disposition', dispositionFor(version.fileName, inline ? 'inline' : 'attachment'));
    if (isNotModified(req, res)) {
      res.status(304).end();
      return;
    }
    res.status(200);
    res.setHeader('Content-Type', version.mimeType);
    res.setHeader('Content-Length', String(bytes.length));
    res.end(bytes);
  }

  @Get('unterlagen/:id')
  async download(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Req() req: Request, @Res() res: Response): Promise<void> {
    this.send(req, res, await this.documents.file(id, viewer));
  }

  @Get('unterlagen/:id/fassungen/:versionId')
  async downloadVersion(
    @Param('id', IdParamPipe) id: number,
    @Param('versionId', IdParamPipe) versionId: number,
    @CurrentViewer() viewer: Viewer,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    this.send(req, res, await this.documents.file(id, viewer, versionId));
  }

  /** Everything of the meeting the viewer may see, as one ZIP (one file read at a time). */
  @Get('sitzungen/:id/unterlagen.zip')
  async zip(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const { meeting, entries } = await this.documents.visibleOfMeeting(id, viewer);
    const names = uniqueNames(entries.map((e) => (e.item ? `TOP ${e.item.number}/${e.version.fileName}` : e.version.fileName)));
    const zip = new yazl.ZipFile();
    entries.forEach((e, i) => {
      zip.addReadStreamLazy(names[i], { mtime: e.version.uploadedAt, compress: e.version.mimeType.startsWith('text/') }, (cb) => {
        this.documents.bytesOf(e.version).then(
          (bytes) => cb(null, Readable.from([bytes ?? Buffer.alloc(0)])),
          (err: unknown) => cb(err instanceof Error ? err : new Error(String(err)), Readable.from([])),
        );
      });
    });
    zip.end();
    res.status(200);
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', dispositionFor(`Unterlagen ${meeting.title} ${shortDate(meeting.startsAt)}.zip`.replace(/[\\/:*?"<>|]/g, '-'), 'attachment'));
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    zip.outputStream.pipe(res);
  }

  private async manageModel(id: number, viewer: Viewer, fileError: string | null, returnTo?: string) {
    const { document, meeting, item, versions } = await this.documents.forManageDocument(id, viewer, returnTo);
    const title = `Unterlage verwalten: ${document.title}`;
    return {
      pageTitle: fileError ? `Fehler: ${title}` : title,
      document: {
        title: document.title,
        description: document.description,
        itemLabel: item ? `TOP ${item.number} ${item.title}` : 'Allgemeine Unterlagen der Sitzung',
        isMembersOnly: document.visibility === 'members',
        href: `/unterlagen/${document.id}`,
      },
      meeting: { title: meeting.title, href: `/sitzungen/${meeting.id}`, date: shortDate(meeting.startsAt) },
      versions: versions.map((v, i) => ({
        number: versions.length - i,
        isCurrent: i === 0,
        fileName: v.version.fileName,
        size: formatBytes(v.version.size),
        uploadedBy: document.generatedKind !== null && v.version.uploadedByAccountId === null ? 'automatisch erstellt' : v.uploadedBy,
        uploadedAt: formatDateTime(v.version.uploadedAt),
        href: `/unterlagen/${document.id}/fassungen/${v.version.id}`,
      })),
      // a generated document (invitation letter, approved minutes) gets new versions only from the app
      versionAction: document.generatedKind === null ? `/unterlagen/${document.id}/fassungen` : null,
      removeHref: `/unterlagen/${document.id}/entfernen`,
      fileError,
      limits: this.limitsText(),
      accept: ACCEPT_ATTRIBUTE,
    };
  }

  @Get('unterlagen/:id/verwalten')
  async manage(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    res.render('documents/manage', await this.manageModel(id, viewer, null, `/unterlagen/${id}/verwalten`));
  }

  @Post('unterlagen/:id/fassungen')
  async newVersion(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Req() req: DocumentUploadRequest, @Res() res: Response): Promise<void> {
    const files = filesOf(req);
    try {
      if (req.uploadError) throw new FormRejected({ datei: req.uploadError });
      if (files.length > 1) throw new FormRejected({ datei: 'Bitte wählen Sie genau eine Datei als neue Fassung aus.' });
      await this.documents.addVersion(viewer, id, files[0] ?? null);
      res.redirect(303, `/unterlagen/${id}/verwalten`);
    } catch (e) {
      if (!(e instanceof FormRejected)) throw e;
      res.status(422).render('documents/manage', await this.manageModel(id, viewer, e.errors.datei ?? Object.values(e.errors).join(' ')));
    }
  }

  private async removePage(id: number, viewer: Viewer, returnTo?: string): Promise<ConfirmPage> {
    const { document, meeting, versions } = await this.documents.forManageDocument(id, viewer, returnTo);
    return {
      spec: DOCUMENT_REMOVE_FORM,
      view: 'documents/remove',
      model: {
        pageTitle: `Unterlage entfernen: ${document.title}`,
        title: document.title,
        meetingTitle: meeting.title,
        versionCount: versions.length,
        action: `/unterlagen/${id}/entfernen`,
        cancelHref: `/unterlagen/${id}/verwalten`,
      },
    };
  }

  @Get('unterlagen/:id/entfernen')
  async removeForm(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    renderConfirmPage(res, await this.removePage(id, viewer, `/unterlagen/${id}/entfernen`));
  }

  @Post('unterlagen/:id/entfernen')
  async remove(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @RequestBody() body: unknown, @Res() res: Response): Promise<void> {
    const page = await this.removePage(id, viewer);
    const meetingId = (await this.documents.forManageDocument(id, viewer)).meeting.id;
    await submitConfirmed(res, page, body, () => this.documents.remove(viewer, id), `/sitzungen/${meetingId}#unterlagen`);
  }
}
