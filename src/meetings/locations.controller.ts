import { Body as RequestBody, Controller, Get, Inject, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentViewer, type Viewer } from '../auth/viewer.js';
import { type FormErrors, type FormValues, FormRejected, formView, readForm, renderInvalid, validateForm } from '../common/forms/form.js';
import { IdParamPipe } from '../common/http/id-param.pipe.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { LocationDto } from './dto/location.dto.js';
import type { Location } from './location.entity.js';
import { locationView } from './location-view.js';
import { type LocationInput, LocationsService } from './locations.service.js';
import { LOCATION_FORM, type LocationField } from './meetings.forms.js';
import { emptyToNull } from './meetings-manage.view-model.js';

function locationValues(l: Location): Record<LocationField, string> {
  return {
    name: l.name,
    room: l.room ?? '',
    street: l.street ?? '',
    postalCode: l.postalCode ?? '',
    locality: l.locality ?? '',
    accessibilityNotes: l.accessibilityNotes ?? '',
    onlineLink: l.onlineLink ?? '',
  };
}

function locationInput(v: FormValues<LocationField>): LocationInput {
  return {
    name: v.name.trim(),
    room: emptyToNull(v.room),
    street: emptyToNull(v.street),
    postalCode: emptyToNull(v.postalCode),
    locality: emptyToNull(v.locality),
    accessibilityNotes: emptyToNull(v.accessibilityNotes),
    onlineLink: emptyToNull(v.onlineLink),
  };
}

/** The managed list of meeting places. */
@Controller('orte')
export class LocationsController {
  constructor(
    private readonly locations: LocationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async index(@CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    await this.locations.assertCanManage(viewer);
    const list = await this.locations.list();
    res.render('meetings/locations', {
      pageTitle: 'Sitzungsorte',
      locations: list.map((l) => ({ ...locationView(l), editHref: `/orte/${l.id}/bearbeiten` })),
    });
  }

  private model(heading: string, action: string, values: Partial<Record<LocationField, string>>, errors: FormErrors<LocationField>) {
    return { pageTitle: heading, heading, action, form: formView(LOCATION_FORM, values, errors) };
  }

  @Get('neu')
  async newForm(@CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    await this.locations.assertCanManage(viewer, '/orte/neu');
    res.render('meetings/location-form', this.model('Neuer Sitzungsort', '/orte/neu', { locality: this.config.defaultLocality }, {}));
  }

  @Post('neu')
  async create(@CurrentViewer() viewer: Viewer, @RequestBody() body: unknown, @Res() res: Response): Promise<void> {
    await this.locations.assertCanManage(viewer);
    const values = readForm(LOCATION_FORM, body);
    const again = (errors: FormErrors<LocationField>): void =>
      renderInvalid(res, 'meetings/location-form', LOCATION_FORM, values, errors, this.model('Neuer Sitzungsort', '/orte/neu', values, errors));
    const valid = await validateForm(LOCATION_FORM, LocationDto, values);
    if (!valid.ok) return again(valid.errors);
    try {
      await this.locations.create(viewer, locationInput(values));
      res.redirect(303, '/orte');
    } catch (e) {
      if (e instanceof FormRejected) return again(e.errors);
      throw e;
    }
  }

  @Get(':id/bearbeiten')
  async editForm(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const location = await this.locations.get(viewer, id);
    res.render('meetings/location-form', this.model(`Ort bearbeiten: ${location.name}`, `/orte/${id}/bearbeiten`, locationValues(location), {}));
  }

  @Post(':id/bearbeiten')
  async update(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @RequestBody() body: unknown, @Res() res: Response): Promise<void> {
    const location = await this.locations.get(viewer, id);
    const values = readForm(LOCATION_FORM, body);
    const heading = `Ort bearbeiten: ${location.name}`;
    const again = (errors: FormErrors<LocationField>): void =>
      renderInvalid(res, 'meetings/location-form', LOCATION_FORM, values, errors, this.model(heading, `/orte/${id}/bearbeiten`, values, errors));
    const valid = await validateForm(LOCATION_FORM, LocationDto, values);
    if (!valid.ok) return again(valid.errors);
    try {
      await this.locations.update(viewer, id, locationInput(values));
      res.redirect(303, '/orte');
    } catch (e) {
      if (e instanceof FormRejected) return again(e.errors);
      throw e;
    }
  }
}
