import { Injectable } from '@nestjs/common';
import { MoreThan, Not } from 'typeorm';
import { assertMember } from '../auth/access.js';
import { BodyPolicyService } from '../bodies/body-policy.service.js';
import type { Viewer } from '../auth/viewer.js';
import { forbidden, notFound } from '../common/errors/user-facing.js';
import { DatabaseService } from '../database/database.service.js';
import { Location } from './location.entity.js';
import { AuditLog } from '../audit/audit-log.service.js';
import { auditLocation } from './meeting-audit.js';
import { SearchIndexer } from '../search/search-indexer.js';
import { MeetingEditorService } from './meeting-editor.service.js';
import { Meeting } from './meeting.entity.js';
import { MeetingsRepository } from './meetings.repository.js';

export type LocationInput = Pick<Location, 'name' | 'room' | 'street' | 'postalCode' | 'locality' | 'accessibilityNotes' | 'onlineLink'>;

/** What a calendar shows of a place (LOCATION): a change moves every upcoming meeting there. */
const PLACE_FIELDS = ['name', 'room', 'street', 'postalCode', 'locality', 'onlineLink'] as const;

/** The managed list of meeting places; anyone who may schedule meetings may keep it. */
@Injectable()
export class LocationsService {
  constructor(
    private readonly db: DatabaseService,
    private readonly repository: MeetingsRepository,
    private readonly permissions: BodyPolicyService,
    private readonly editor: MeetingEditorService,
    private readonly audit: AuditLog,
    private readonly indexer: SearchIndexer,
  ) {}

  async assertCanManage(viewer: Viewer, returnTo = '/orte'): Promise<void> {
    assertMember(viewer, returnTo);
    const ids = await this.permissions.manageableBodyIds(viewer);
    if (ids !== 'all' && ids.length === 0) throw forbidden('Orte pflegen nur Vorsitz, stellvertretender Vorsitz und Geschäftsführung eines Gremiums.');
  }

  list(): Promise<Location[]> {
    return this.repository.findLocations();
  }

  async get(viewer: Viewer, id: number): Promise<Location> {
    await this.assertCanManage(viewer, `/orte/${id}/bearbeiten`);
    const location = await this.repository.findLocation(id);
    if (!location) throw notFound('Diesen Ort gibt es nicht.');
    return location;
  }

  async create(viewer: Viewer, input: LocationInput): Promise<Location> {
    await this.assertCanManage(viewer);
    return this.db.write(async (manager) => {
      const saved = await manager.getRepository(Location).save(manager.getRepository(Location).create(input));
      await auditLocation(this.audit, manager, viewer, null, saved);
      return saved;
    });
  }

  /**
   * Saves the place; when what calendars show changed, upcoming meetings there get a new SEQUENCE and
   * everyone invited to them an update (iTIP REQUEST), in the same transaction.
   */
  async update(viewer: Viewer, id: number, input: LocationInput, now: Date = new Date()): Promise<Location> {
    const current = await this.get(viewer, id);
    const placeChanged = PLACE_FIELDS.some((f) => (current[f] ?? null) !== (input[f] ?? null));
    return this.db.write(async (manager) => {
      await manager.getRepository(Location).update({ id }, input);
      if (placeChanged) {
        const meetings = manager.getRepository(Meeting);
        const upcoming = await meetings.find({ where: { locationId: id, endsAt: MoreThan(now), state: Not('cancelled') } });
        for (const m of upcoming) {
          await meetings.update({ id: m.id }, { sequence: m.sequence + 1 });
          await this.editor.announce(manager, m.id, 'update', now);
        }
      }
      const saved = await manager.getRepository(Location).findOneByOrFail({ id });
      await auditLocation(this.audit, manager, viewer, current, saved);
      // Meetings are found by their place's name: every meeting there, past ones too, is reindexed.
      if (current.name !== saved.name || current.locality !== saved.locality) {
        for (const m of await manager.getRepository(Meeting).find({ where: { locationId: id }, select: { id: true } })) await this.indexer.reindex(manager, 'meeting', m.id);
      }
      return saved;
    });
  }
}
