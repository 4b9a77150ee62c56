import { Injectable } from '@nestjs/common';
import type { Meeting } from './meeting.entity.js';

/** One document of a meeting as the printed invitation lists it. */
export interface MeetingDocumentLine {
  /** "TOP 2: Haushaltsentwurf" or the title of a general paper. */
  title: string;
  /** "PDF, 1,2 MB" */
  detail: string;
  url: string;
  /** Only members (after login) may open it. */
  membersOnly: boolean;
}

export interface MeetingDocumentsProvider {
  /** Every document of the meeting, in agenda order. */
  linesFor(meeting: Meeting): Promise<MeetingDocumentLine[]>;
}

/**
 * Where meetings asks for a meeting's documents (for the printable invitation). The documents module
 * sits above meetings and registers itself at start-up (`provide`), so the dependency points down;
 * without it the letter simply lists none.
 */
@Injectable()
export class MeetingDocumentsSource {
  private provider: MeetingDocumentsProvider | null = null;

  provide(provider: MeetingDocumentsProvider): void {
    this.provider = provider;
  }

  linesFor(meeting: Meeting): Promise<MeetingDocumentLine[]> {
    return this.provider ? this.provider.linesFor(meeting) : Promise.resolve([]);
  }
}
