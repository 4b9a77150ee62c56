import { Injectable } from '@nestjs/common';
import type { Viewer } from '../auth/viewer.js';
import { type BodyOverview, BodiesService } from '../bodies/bodies.service.js';
import { HomeRepository } from './home.repository.js';

export interface HomeOverview {
  counts: { people: number; organisations: number; bodies: number };
  /** The bodies the viewer may see, with current member counts. */
  bodies: BodyOverview[];
}

/** The network in one glance: its bodies with their current member counts, and totals. */
@Injectable()
export class HomeService {
  constructor(
    private readonly bodies: BodiesService,
    private readonly repository: HomeRepository,
  ) {}

  async overview(viewer: Viewer): Promise<HomeOverview> {
    const [bodies, { people, organisations }] = await Promise.all([this.bodies.list(viewer), this.repository.counts()]);
    return { counts: { people, organisations, bodies: bodies.length }, bodies };
  }
}
