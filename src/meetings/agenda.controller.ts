import { Body as RequestBody, Controller, Get, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentViewer, type Viewer } from '../auth/viewer.js';
import { type FormErrors, type FormValues, FormRejected, formView, readForm, renderInvalid, validateForm } from '../common/forms/form.js';
import { IdParamPipe } from '../common/http/id-param.pipe.js';
import { possibleMoves } from './agenda.js';
import type { AgendaItem } from './agenda-item.entity.js';
import { type AgendaEditorContext, type AgendaItemInput, AgendaService } from './agenda.service.js';
import { AgendaItemDto } from './dto/agenda-item.dto.js';
import { AGENDA_ITEM_FORM, AGENDA_ORDER_FORM, type AgendaItemField } from './meetings.forms.js';
import { emptyToNull } from './meetings-manage.view-model.js';
import { longDate, timeRangeLabel } from './meetings.view-model.js';

const agendaPath = (meetingId: number): string => `/sitzungen/${meetingId}/tagesordnung`;

function itemValues(item: AgendaItem): Record<AgendaItemField, string> {
  return {
    title: item.title,
    level: String(item.level),
    presenter: item.presenter ?? '',
    plannedMinutes: item.plannedMinutes === null ? '' : String(item.plannedMinutes),
    isPublic: item.isPublic ? 'on' : '',
    description: item.description ?? '',
    notify: 'on',
  };
}

/** The chair's choice to mail the invitees about this change (the box exists once they were invited). */
function notifyChosen(body: unknown): boolean {
  return readForm(AGENDA_ORDER_FORM, body).notify === 'on';
}

function itemInput(v: FormValues<AgendaItemField>): AgendaItemInput {
  return {
    title: v.title.trim(),
    level: v.level === '1' ? 1 : 0,
    presenter: emptyToNull(v.presenter),
    plannedMinutes: v.plannedMinutes.trim() === '' ? null : Number(v.plannedMinutes.trim()),
    isPublic: v.isPublic === 'on',
    description: emptyToNull(v.description),
  };
}

/** The agenda editor; reordering works with plain form buttons (no JavaScript needed). */
@Controller('sitzungen/:meetingId/tagesordnung')
export class AgendaController {
  constructor(private readonly agenda: AgendaService) {}

  private model(ctx: AgendaEditorContext, values: Partial<Record<AgendaItemField, string>>, errors: FormErrors<AgendaItemField>) {
    const { meeting, items } = ctx;
    const moves = possibleMoves(items);
    const base = agendaPath(meeting.id);
    return {
      pageTitle: `Tagesordnung: ${meeting.title}`,
      meeting: { title: meeting.title, href: `/sitzungen/${meeting.id}`, when: `${longDate(meeting.startsAt)}, ${timeRangeLabel(meeting.startsAt, meeting.endsAt)}`, cancelled: meeting.state === 'cancelled' },
      lengthWarning: ctx.lengthWarning,
      items: items.map((item, i) => ({
        number: item.number,
        isSub: item.level === 1,
        title: item.title,
        presenter: item.presenter,
        plannedMinutes: item.plannedMinutes,
        isInternal: !item.isPublic,
        editHref: `${base}/${item.id}/bearbeiten`,
        upAction: moves[i].up ? `${base}/${item.id}/hoch` : null,
        downAction: moves[i].down ? `${base}/${item.id}/runter` : null,
        deleteAction: `${base}/${item.id}/loeschen`,
      })),
      action: base,
      form: formView(AGENDA_ITEM_FORM, values, errors),
      offersNotification: ctx.offersNotification,
      orderForm: formView(AGENDA_ORDER_FORM, { notify: 'on' }),
    };
  }

  @Get()
  async editor(@Param('meetingId', IdParamPipe) meetingId: number, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const ctx = await this.agenda.context(viewer, meetingId);
    res.render('meetings/agenda', this.model(ctx, { level: '0', isPublic: ctx.meeting.isPublic ? 'on' : '', notify: 'on' }, {}));
  }

  @Post()
  async add(@Param('meetingId', IdParamPipe) meetingId: number, @CurrentViewer() viewer: Viewer, @RequestBody() body: unknown, @Res() res: Response): Promise<void> {
    const ctx = await this.agenda.context(viewer, meetingId);
    const values = readForm(AGENDA_ITEM_FORM, body);
    const again = (errors: FormErrors<AgendaItemField>): void => renderInvalid(res, 'meetings/agenda', AGENDA_ITEM_FORM, values, errors, this.model(ctx, values, errors));
    const valid = await validateForm(AGENDA_ITEM_FORM, AgendaItemDto, values);
    if (!valid.ok) return again(valid.errors);
    try {
      const created = await this.agenda.add(viewer, meetingId, itemInput(values), values.notify === 'on');
      res.redirect(303, `${agendaPath(meetingId)}#top-${created.id}`);
    } catch (e) {
      if (e instanceof FormRejected) return again(e.errors);
      throw e;
    }
  }

  private itemModel(ctx: AgendaEditorContext, item: AgendaItem, values: Partial<Record<AgendaItemField, string>>, errors: FormErrors<AgendaItemField>) {
    return {
      pageTitle: `TOP ${item.number} bearbeiten`,
      heading: `TOP ${item.number} bearbeiten`,
      meeting: { title: ctx.meeting.title, href: agendaPath(ctx.meeting.id) },
      action: `${agendaPath(ctx.meeting.id)}/${item.id}`,
      form: formView(AGENDA_ITEM_FORM, values, errors),
      offersNotification: ctx.offersNotification,
    };
  }

  @Get(':itemId/bearbeiten')
  async editItem(@Param('meetingId', IdParamPipe) meetingId: number, @Param('itemId', IdParamPipe) itemId: number, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const { ctx, item } = await this.agenda.item(viewer, meetingId, itemId);
    res.render('meetings/agenda-item', this.itemModel(ctx, item, itemValues(item), {}));
  }

  @Post(':itemId')
  async updateItem(
    @Param('meetingId', IdParamPipe) meetingId: number,
    @Param('itemId', IdParamPipe) itemId: number,
    @CurrentViewer() viewer: Viewer,
    @RequestBody() body: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const { ctx, item } = await this.agenda.item(viewer, meetingId, itemId);
    const values = readForm(AGENDA_ITEM_FORM, body);
    const again = (errors: FormErrors<AgendaItemField>): void => renderInvalid(res, 'meetings/agenda-item', AGENDA_ITEM_FORM, values, errors, this.itemModel(ctx, item, values, errors));
    const valid = await validateForm(AGENDA_ITEM_FORM, AgendaItemDto, values);
    if (!valid.ok) return again(valid.errors);
    try {
      await this.agenda.update(viewer, meetingId, itemId, itemInput(values), values.notify === 'on');
      res.redirect(303, `${agendaPath(meetingId)}#top-${itemId}`);
    } catch (e) {
      if (e instanceof FormRejected) return again(e.errors);
      throw e;
    }
  }

  @Post(':itemId/loeschen')
  async remove(@Param('meetingId', IdParamPipe) meetingId: number, @Param('itemId', IdParamPipe) itemId: number, @CurrentViewer() viewer: Viewer, @RequestBody() body: unknown, @Res() res: Response): Promise<void> {
    await this.agenda.remove(viewer, meetingId, itemId, notifyChosen(body));
    res.redirect(303, agendaPath(meetingId));
  }

  @Post(':itemId/hoch')
  async up(@Param('meetingId', IdParamPipe) meetingId: number, @Param('itemId', IdParamPipe) itemId: number, @CurrentViewer() viewer: Viewer, @RequestBody() body: unknown, @Res() res: Response): Promise<void> {
    await this.agenda.move(viewer, meetingId, itemId, 'up', notifyChosen(body));
    res.redirect(303, `${agendaPath(meetingId)}#top-${itemId}`);
  }

  @Post(':itemId/runter')
  async down(@Param('meetingId', IdParamPipe) meetingId: number, @Param('itemId', IdParamPipe) itemId: number, @CurrentViewer() viewer: Viewer, @RequestBody() body: unknown, @Res() res: Response): Promise<void> {
    await this.agenda.move(viewer, meetingId, itemId, 'down', notifyChosen(body));
    res.redirect(303, `${agendaPath(meetingId)}#top-${itemId}`);
  }
}
