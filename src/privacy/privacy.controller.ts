import { Body, Controller, Get, Inject, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequireAdmin } from '../auth/access.js';
import { CurrentViewer, type Viewer } from '../auth/viewer.js';
import { ConfirmDto } from '../common/forms/confirm-form.js';
import { parseGermanDate } from '../common/forms/field-formats.js';
import { FormRejected, formView, readForm, renderInvalid, validateForm } from '../common/forms/form.js';
import { IdParamPipe } from '../common/http/id-param.pipe.js';
import { todayInBerlin } from '../common/dates.js';
import { formatGermanDate, optionalText } from '../common/forms/field-formats.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { consentText } from '../people/people-form.view-model.js';
import { personDisplayName } from '../people/person-name.js';
import { personVCard, vCardDisposition } from '../people/person-vcard.js';
import type { Person } from '../people/person.entity.js';
import { ConsentService } from './consent.service.js';
import { CONSENT_FORM, ConsentDto, ERASE_FORM, WITHDRAW_FORM } from './privacy.forms.js';
import { PrivacyService } from './privacy.service.js';

function noStore(res: Response): void {
  res.setHeader('Cache-Control', 'no-store');
}

/** Consent, data export and erasure of a person (GDPR); administrators only, checked again in the services. */
@Controller('personen')
@RequireAdmin()
export class PrivacyController {
  constructor(
    private readonly consent: ConsentService,
    private readonly privacy: PrivacyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get(':id/einwilligung')
  async consentPage(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const person = await this.consent.forPerson(viewer, id);
    noStore(res);
    res.render('privacy/consent', {
      ...this.consentModel(person),
      form: formView(CONSENT_FORM, { consentDate: formatGermanDate(todayInBerlin()) }),
      withdrawForm: formView(WITHDRAW_FORM),
    });
  }

  @Post(':id/einwilligung')
  async recordConsent(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Body() body: unknown, @Res() res: Response): Promise<void> {
    const person = await this.consent.forPerson(viewer, id);
    const model = { ...this.consentModel(person), withdrawForm: formView(WITHDRAW_FORM) };
    const values = readForm(CONSENT_FORM, body);
    const result = await validateForm(CONSENT_FORM, ConsentDto, values);
    if (!result.ok) return renderInvalid(res, 'privacy/consent', CONSENT_FORM, values, result.errors, model);
    try {
      await this.consent.record(viewer, id, { date: parseGermanDate(result.value.consentDate) ?? '', note: optionalText(result.value.note) });
      res.redirect(303, `/personen/${id}/einwilligung`);
    } catch (e) {
      if (e instanceof FormRejected) return renderInvalid(res, 'privacy/consent', CONSENT_FORM, values, e.errors, model);
      throw e;
    }
  }

  @Post(':id/einwilligung/widerrufen')
  async withdrawConsent(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Body() body: unknown, @Res() res: Response): Promise<void> {
    const person = await this.consent.forPerson(viewer, id);
    const values = readForm(WITHDRAW_FORM, body);
    const result = await validateForm(WITHDRAW_FORM, ConfirmDto, values);
    const render = (errors: Record<string, string>): void => {
      const withdrawForm = formView(WITHDRAW_FORM, values, errors);
      const model = { ...this.consentModel(person), form: formView(CONSENT_FORM, { consentDate: formatGermanDate(todayInBerlin()) }), withdrawForm };
      res.status(422).render('privacy/consent', { ...model, pageTitle: `Fehler: ${model.pageTitle}` });
    };
    if (!result.ok) return render(result.errors);
    try {
      await this.consent.withdraw(viewer, id);
      res.redirect(303, `/personen/${id}/einwilligung`);
    } catch (e) {
      if (e instanceof FormRejected) return render(e.errors);
      throw e;
    }
  }

  @Get(':id/datenschutz')
  async privacyPage(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const overview = await this.privacy.overview(viewer, id);
    noStore(res);
    res.render('privacy/person', { ...this.privacyModel(overview.person, overview.hasAccount), form: formView(ERASE_FORM) });
  }

  @Get(':id/datenschutz/export.json')
  async exportJson(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const data = await this.privacy.exportData(viewer, id);
    noStore(res);
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="person-${id}-daten.json"`);
    res.send(JSON.stringify(data, null, 2));
  }

  @Get(':id/datenschutz/export.vcf')
  async exportVCard(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const contact = await this.privacy.exportContact(viewer, id);
    noStore(res);
    res.setHeader('Content-Type', 'text/vcard; charset=utf-8');
    res.setHeader('Content-Disposition', vCardDisposition(personDisplayName(contact)));
    res.send(personVCard(contact, { baseUrl: this.config.baseUrl }));
  }

  @Post(':id/datenschutz/loeschen')
  async erase(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Body() body: unknown, @Res() res: Response): Promise<void> {
    const overview = await this.privacy.overview(viewer, id);
    const values = readForm(ERASE_FORM, body);
    const result = await validateForm(ERASE_FORM, ConfirmDto, values);
    if (!result.ok) return renderInvalid(res, 'privacy/person', ERASE_FORM, values, result.errors, this.privacyModel(overview.person, overview.hasAccount));
    await this.privacy.erase(viewer, id);
    res.redirect(303, '/personen');
  }

  private consentModel(person: Person) {
    const name = personDisplayName(person);
    return {
      pageTitle: `Einwilligung: ${name}`,
      name,
      personHref: `/personen/${person.id}`,
      status: consentText(person),
      hasConsent: person.consentAt !== null,
      action: `/personen/${person.id}/einwilligung`,
      withdrawAction: `/personen/${person.id}/einwilligung/widerrufen`,
    };
  }

  private privacyModel(person: Person, hasAccount: boolean) {
    const name = personDisplayName(person);
    return {
      pageTitle: `Datenschutz: ${name}`,
      name,
      personHref: person.deletedAt ? null : `/personen/${person.id}`,
      removed: person.deletedAt !== null,
      hasAccount,
      jsonHref: `/personen/${person.id}/datenschutz/export.json`,
      vcardHref: `/personen/${person.id}/datenschutz/export.vcf`,
      action: `/personen/${person.id}/datenschutz/loeschen`,
    };
  }
}
