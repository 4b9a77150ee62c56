import { Body as RequestBody, Controller, Get, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentViewer, type Viewer } from '../auth/viewer.js';
import { FormRejected, formView, readForm, renderInvalid } from '../common/forms/form.js';
import { IdParamPipe } from '../common/http/id-param.pipe.js';
import type { Body } from './body.entity.js';
import { quorumRuleText } from './quorum.js';
import { QUORUM_RULE_FORM } from './quorum-rules.forms.js';
import { type QuorumRuleEditing, QuorumRulesService } from './quorum-rules.service.js';

const pathOf = (bodyId: number): string => `/gremien/${bodyId}/beschlussfaehigkeit`;

/** The body's quorum rule (Beschlussfähigkeit): a small settings page for its officers and administrators. */
@Controller('gremien/:bodyId/beschlussfaehigkeit')
export class QuorumRulesController {
  constructor(private readonly rules: QuorumRulesService) {}

  @Get()
  async form(@Param('bodyId', IdParamPipe) bodyId: number, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const editing = await this.rules.forEditing(viewer, bodyId, pathOf(bodyId));
    const values = { kind: editing.rule.kind, value: editing.rule.value === null ? '' : String(editing.rule.value) };
    res.render('bodies/quorum-rule', { ...this.model(editing), form: formView(QUORUM_RULE_FORM, values) });
  }

  @Post()
  async save(@Param('bodyId', IdParamPipe) bodyId: number, @CurrentViewer() viewer: Viewer, @RequestBody() raw: unknown, @Res() res: Response): Promise<void> {
    const values = readForm(QUORUM_RULE_FORM, raw);
    try {
      await this.rules.update(viewer, bodyId, values);
    } catch (e) {
      if (!(e instanceof FormRejected)) throw e;
      const editing = await this.rules.forEditing(viewer, bodyId, pathOf(bodyId));
      renderInvalid(res, 'bodies/quorum-rule', QUORUM_RULE_FORM, values, e.errors, this.model(editing));
      return;
    }
    res.redirect(303, `/gremien/${bodyId}`);
  }

  private model(editing: QuorumRuleEditing): { pageTitle: string } & Record<string, unknown> {
    const body: Body = editing.body;
    const heading = `Beschlussfähigkeit: ${body.name}`;
    return {
      pageTitle: heading,
      heading,
      currentRule: quorumRuleText(editing.rule),
      votingMembers: editing.votingMembers,
      action: pathOf(body.id),
      cancelHref: `/gremien/${body.id}`,
    };
  }
}
