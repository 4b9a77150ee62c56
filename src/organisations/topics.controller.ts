import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequireAdmin } from '../auth/access.js';
import { CurrentViewer, type Viewer } from '../auth/viewer.js';
import { type ConfirmPage, renderConfirmPage, submitConfirmed } from '../common/forms/confirm-form.js';
import { FormRejected, formView, readForm, renderInvalid, validateForm } from '../common/forms/form.js';
import { IdParamPipe } from '../common/http/id-param.pipe.js';
import { TopicDto } from './dto/topic.dto.js';
import { NEW_TOPIC_FORM, REMOVE_TOPIC_FORM, RENAME_TOPIC_FORM } from './topics.forms.js';
import type { TopicUsage } from './topics.repository.js';
import { TopicsService } from './topics.service.js';

const BASE = '/admin/themen';

/** "Themen und Angebote" for administrators: the kept topic vocabulary of people and organisations. */
@Controller('admin/themen')
@RequireAdmin()
export class TopicsController {
  constructor(private readonly topics: TopicsService) {}

  @Get()
  async index(@CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    res.render('topics/index', { ...(await this.indexModel(viewer)), form: formView(NEW_TOPIC_FORM) });
  }

  @Post()
  async create(@CurrentViewer() viewer: Viewer, @Body() body: unknown, @Res() res: Response): Promise<void> {
    const values = readForm(NEW_TOPIC_FORM, body);
    const result = await validateForm(NEW_TOPIC_FORM, TopicDto, values);
    if (!result.ok) return renderInvalid(res, 'topics/index', NEW_TOPIC_FORM, values, result.errors, await this.indexModel(viewer));
    try {
      await this.topics.create(viewer, result.value.name);
    } catch (e) {
      if (e instanceof FormRejected) return renderInvalid(res, 'topics/index', NEW_TOPIC_FORM, values, e.errors, await this.indexModel(viewer));
      throw e;
    }
    res.redirect(303, BASE);
  }

  @Get(':id/umbenennen')
  async renamePage(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const usage = await this.topics.forEditing(viewer, id);
    res.render('topics/rename', { ...this.renameModel(usage), form: formView(RENAME_TOPIC_FORM, { name: usage.topic.name }) });
  }

  @Post(':id/umbenennen')
  async rename(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Body() body: unknown, @Res() res: Response): Promise<void> {
    const usage = await this.topics.forEditing(viewer, id);
    const values = readForm(RENAME_TOPIC_FORM, body);
    const result = await validateForm(RENAME_TOPIC_FORM, TopicDto, values);
    if (!result.ok) return renderInvalid(res, 'topics/rename', RENAME_TOPIC_FORM, values, result.errors, this.renameModel(usage));
    try {
      await this.topics.rename(viewer, id, result.value.name);
    } catch (e) {
      if (e instanceof FormRejected) return renderInvalid(res, 'topics/rename', RENAME_TOPIC_FORM, values, e.errors, this.renameModel(usage));
      throw e;
    }
    res.redirect(303, BASE);
  }

  @Get(':id/entfernen')
  async removePage(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    renderConfirmPage(res, this.removeConfirmation(await this.topics.forEditing(viewer, id)));
  }

  @Post(':id/entfernen')
  async remove(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Body() body: unknown, @Res() res: Response): Promise<void> {
    const page = this.removeConfirmation(await this.topics.forEditing(viewer, id));
    await submitConfirmed(res, page, body, () => this.topics.remove(viewer, id), BASE);
  }

  private async indexModel(viewer: Viewer) {
    const topics = (await this.topics.overview(viewer)).map((u) => ({
      name: u.topic.name,
      usage: usageText(u),
      renameHref: `${BASE}/${u.topic.id}/umbenennen`,
      removeHref: `${BASE}/${u.topic.id}/entfernen`,
    }));
    return { pageTitle: 'Themen und Angebote', action: BASE, topics };
  }

  private renameModel(u: TopicUsage) {
    return { pageTitle: `Thema „${u.topic.name}“ umbenennen`, heading: `Thema „${u.topic.name}“ umbenennen`, usage: usageText(u), action: `${BASE}/${u.topic.id}/umbenennen`, cancelHref: BASE };
  }

  private removeConfirmation(u: TopicUsage): ConfirmPage {
    const model = { pageTitle: `Thema „${u.topic.name}“ entfernen`, name: u.topic.name, usage: usageText(u), inUse: u.people + u.organisations > 0, action: `${BASE}/${u.topic.id}/entfernen`, cancelHref: BASE };
    return { spec: REMOVE_TOPIC_FORM, view: 'topics/remove', model };
  }
}

/** "3 Personen · 1 Organisation" or "nicht verwendet". */
function usageText(u: TopicUsage): string {
  const parts: string[] = [];
  if (u.people > 0) parts.push(`${u.people} ${u.people === 1 ? 'Person' : 'Personen'}`);
  if (u.organisations > 0) parts.push(`${u.organisations} ${u.organisations === 1 ? 'Organisation' : 'Organisationen'}`);
  return parts.length > 0 ? parts.join(' · ') : 'nicht verwendet';
}
