import { Body as RequestBody, Controller, Get, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentViewer, type Viewer } from '../auth/viewer.js';
import { todayInBerlin } from '../common/dates.js';
import { formatGermanDate, parseGermanDate } from '../common/forms/field-formats.js';
import { formView, readForm, renderInvalid, type SelectOption, submitForm, validateForm } from '../common/forms/form.js';
import { IdParamPipe } from '../common/http/id-param.pipe.js';
import { MEMBERSHIP_ROLE_LABELS } from './body-labels.js';
import { personDisplayName } from '../people/person-name.js';
import { END_MEMBERSHIP_FORM, MEMBERSHIP_FORM, NEW_MEMBERSHIP_FORM } from './bodies.forms.js';
import { choiceOptions, membershipFormValues } from './bodies-form.view-model.js';
import type { Body } from './body.entity.js';
import { EndMembershipDto, MembershipDto, membershipInput, NewMembershipDto } from './dto/membership.dto.js';
import type { Membership } from './membership.entity.js';
import { MembershipsService } from './memberships.service.js';

/**
 * Memberships of one body: administrators and the body's chair, deputy chair and secretary.
 * MembershipsService checks the right (anonymous → login, others → 403) before anything is shown or written.
 */
@Controller('gremien/:bodyId/mitgliedschaften')
export class MembershipsController {
  constructor(private readonly memberships: MembershipsService) {}

  @Get('neu')
  async newPage(@Param('bodyId', IdParamPipe) bodyId: number, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const body = await this.memberships.manageableBody(viewer, bodyId, `/gremien/${bodyId}/mitgliedschaften/neu`);
    const options = await this.newOptions();
    res.render('bodies/membership-form', { ...this.newModel(body), form: formView(NEW_MEMBERSHIP_FORM, { votingRight: 'on' }, {}, options) });
  }

  @Post('neu')
  async create(@Param('bodyId', IdParamPipe) bodyId: number, @CurrentViewer() viewer: Viewer, @RequestBody() raw: unknown, @Res() res: Response): Promise<void> {
    const body = await this.memberships.manageableBody(viewer, bodyId, `/gremien/${bodyId}`);
    const options = await this.newOptions();
    const values = readForm(NEW_MEMBERSHIP_FORM, raw);
    await submitForm(res, {
      validated: await validateForm(NEW_MEMBERSHIP_FORM, NewMembershipDto, values),
      save: async (dto) => {
        await this.memberships.create(viewer, bodyId, Number(dto.personId), membershipInput(dto));
        return `/gremien/${bodyId}`;
      },
      invalid: (errors) => renderInvalid(res, 'bodies/membership-form', NEW_MEMBERSHIP_FORM, values, errors, this.newModel(body), options),
    });
  }

  @Get(':membershipId/bearbeiten')
  async editPage(
    @Param('bodyId', IdParamPipe) bodyId: number,
    @Param('membershipId', IdParamPipe) membershipId: number,
    @CurrentViewer() viewer: Viewer,
    @Res() res: Response,
  ): Promise<void> {
    const m = await this.memberships.manageableMembership(viewer, bodyId, membershipId, `/gremien/${bodyId}/mitgliedschaften/${membershipId}/bearbeiten`);
    const options = await this.editOptions();
    res.render('bodies/membership-form', { ...this.editModel(m), form: formView(MEMBERSHIP_FORM, membershipFormValues(m), {}, options) });
  }

  @Post(':membershipId/bearbeiten')
  async update(
    @Param('bodyId', IdParamPipe) bodyId: number,
    @Param('membershipId', IdParamPipe) membershipId: number,
    @CurrentViewer() viewer: Viewer,
    @RequestBody() raw: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const m = await this.memberships.manageableMembership(viewer, bodyId, membershipId, `/gremien/${bodyId}`);
    const options = await this.editOptions();
    const values = readForm(MEMBERSHIP_FORM, raw);
    await submitForm(res, {
      validated: await validateForm(MEMBERSHIP_FORM, MembershipDto, values),
      save: async (dto) => {
        await this.memberships.update(viewer, bodyId, membershipId, membershipInput(dto));
        return `/gremien/${bodyId}`;
      },
      invalid: (errors) => renderInvalid(res, 'bodies/membership-form', MEMBERSHIP_FORM, values, errors, this.editModel(m), options),
    });
  }

  @Get(':membershipId/beenden')
  async endPage(
    @Param('bodyId', IdParamPipe) bodyId: number,
    @Param('membershipId', IdParamPipe) membershipId: number,
    @CurrentViewer() viewer: Viewer,
    @Res() res: Response,
  ): Promise<void> {
    const m = await this.memberships.manageableMembership(viewer, bodyId, membershipId, `/gremien/${bodyId}/mitgliedschaften/${membershipId}/beenden`);
    res.render('bodies/membership-end', { ...this.endModel(m), form: formView(END_MEMBERSHIP_FORM, { endDate: formatGermanDate(todayInBerlin()) }) });
  }

  @Post(':membershipId/beenden')
  async end(
    @Param('bodyId', IdParamPipe) bodyId: number,
    @Param('membershipId', IdParamPipe) membershipId: number,
    @CurrentViewer() viewer: Viewer,
    @RequestBody() raw: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const m = await this.memberships.manageableMembership(viewer, bodyId, membershipId, `/gremien/${bodyId}`);
    const values = readForm(END_MEMBERSHIP_FORM, raw);
    await submitForm(res, {
      validated: await validateForm(END_MEMBERSHIP_FORM, EndMembershipDto, values),
      save: async (dto) => {
        await this.memberships.end(viewer, bodyId, membershipId, parseGermanDate(dto.endDate) ?? '');
        return `/gremien/${bodyId}`;
      },
      invalid: (errors) => renderInvalid(res, 'bodies/membership-end', END_MEMBERSHIP_FORM, values, errors, this.endModel(m)),
    });
  }

  private async newOptions(): Promise<{ personId: SelectOption[]; onBehalfOfId: SelectOption[] }> {
    const { people, organisations } = await this.memberships.choices();
    return { personId: choiceOptions(people), onBehalfOfId: choiceOptions(organisations) };
  }

  private async editOptions(): Promise<{ onBehalfOfId: SelectOption[] }> {
    const { organisations } = await this.memberships.choices();
    return { onBehalfOfId: choiceOptions(organisations) };
  }

  private newModel(body: Body) {
    const heading = `Mitgliedschaft im Gremium „${body.name}“ hinzufügen`;
    return { pageTitle: heading, heading, personName: null, action: `/gremien/${body.id}/mitgliedschaften/neu`, cancelHref: `/gremien/${body.id}`, submitLabel: 'Mitgliedschaft anlegen' };
  }

  private editModel(m: Membership) {
    const heading = `Mitgliedschaft bearbeiten: ${personDisplayName(m.person)}`;
    return {
      pageTitle: heading,
      heading,
      personName: `${personDisplayName(m.person)} – ${MEMBERSHIP_ROLE_LABELS[m.role]} im Gremium „${m.body.name}“`,
      action: `/gremien/${m.bodyId}/mitgliedschaften/${m.id}/bearbeiten`,
      cancelHref: `/gremien/${m.bodyId}`,
      submitLabel: 'Änderungen speichern',
    };
  }

  private endModel(m: Membership) {
    const heading = `Mitgliedschaft beenden: ${personDisplayName(m.person)}`;
    return {
      pageTitle: heading,
      heading,
      description: `${personDisplayName(m.person)} – ${MEMBERSHIP_ROLE_LABELS[m.role]} im Gremium „${m.body.name}“`,
      action: `/gremien/${m.bodyId}/mitgliedschaften/${m.id}/beenden`,
      cancelHref: `/gremien/${m.bodyId}`,
    };
  }
}
