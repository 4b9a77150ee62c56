import { Body, Controller, Get, Inject, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { IdParamPipe } from '../common/http/id-param.pipe.js';
import { FormRejected, formView, readForm, renderInvalid, validateForm, type FormErrors, type FormValues } from '../common/forms/form.js';
import { formatDateTime } from '../common/dates.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { RequireMember, assertMember } from './access.js';
import { DEVICE_PASSWORD_FORM } from './auth.forms.js';
import { type CreatedDevicePassword, DevicePasswordsService } from './device-passwords.service.js';
import { DevicePasswordDto } from './dto/device-password.dto.js';
import { noStore } from './session-helpers.js';
import { CurrentViewer, type Viewer } from './viewer.js';

const PAGE = 'auth/device-passwords';
const PATH = '/konto/geraete';

/** Device passwords for CardDAV/CalDAV clients, with setup help (linked from the account page). */
@Controller('konto/geraete')
export class DevicePasswordsController {
  constructor(
    private readonly devices: DevicePasswordsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @RequireMember()
  async page(@CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    assertMember(viewer, PATH);
    noStore(res);
    res.render(PAGE, await this.model(viewer, { form: formView(DEVICE_PASSWORD_FORM) }));
  }

  @Post()
  @RequireMember()
  async create(@CurrentViewer() viewer: Viewer, @Body() body: unknown, @Res() res: Response): Promise<void> {
    assertMember(viewer, PATH);
    noStore(res);
    const values = readForm(DEVICE_PASSWORD_FORM, body);
    const result = await validateForm(DEVICE_PASSWORD_FORM, DevicePasswordDto, values);
    if (!result.ok) return this.invalid(viewer, res, values, result.errors);
    let created: CreatedDevicePassword;
    try {
      created = await this.devices.create(viewer, result.value.name);
    } catch (e) {
      if (e instanceof FormRejected) return this.invalid(viewer, res, values, e.errors);
      throw e;
    }
    // Shown once, in this answer only (no redirect: the password is stored nowhere in clear).
    res.status(201).render(PAGE, await this.model(viewer, { form: formView(DEVICE_PASSWORD_FORM), created }));
  }

  @Post(':id/widerrufen')
  @RequireMember()
  async revoke(@CurrentViewer() viewer: Viewer, @Param('id', IdParamPipe) id: number, @Res() res: Response): Promise<void> {
    assertMember(viewer, PATH);
    noStore(res);
    const name = await this.devices.revoke(viewer, id);
    res.status(200).render(PAGE, await this.model(viewer, { form: formView(DEVICE_PASSWORD_FORM), notice: `Das Gerätepasswort „${name}“ wurde widerrufen. Das Gerät kann ab sofort nichts mehr abrufen.` }));
  }

  private async invalid(viewer: Viewer, res: Response, values: FormValues<'name'>, errors: FormErrors<'name'>): Promise<void> {
    renderInvalid(res, PAGE, DEVICE_PASSWORD_FORM, values, errors, await this.model(viewer, {}));
  }

  private async model(viewer: Viewer, extra: Record<string, unknown>): Promise<{ pageTitle: string } & Record<string, unknown>> {
    const list = viewer.kind === 'member' ? await this.devices.list(viewer.accountId) : [];
    const host = new URL(this.config.baseUrl).host;
    return {
      pageTitle: 'Adressbuch und Kalender auf Geräten',
      devices: list.map((d) => ({
        name: d.name,
        created: formatDateTime(d.createdAt),
        lastUsed: d.lastUsedAt ? formatDateTime(d.lastUsedAt) : 'noch nie',
        revokeAction: `${PATH}/${d.id}/widerrufen`,
      })),
      server: { host, davUrl: `${this.config.baseUrl}/dav/` },
      ...extra,
    };
  }
}
