import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DatabaseService } from '../database/database.service.js';
import { DomainEvents } from '../database/domain-events.js';
import { DocumentVersion, MeetingDocument } from './document.entity.js';
import { DocumentStorage } from './document-storage.js';
import { extractText } from './document-text.js';

declare module '../database/domain-events.js' {
  interface DomainEventMap {
    /** The text of a document version was extracted (document_versions.extracted_text); e.g. for the search index. */
    'document.textExtracted': { documentId: number; versionId: number; meetingId: number };
  }
}

/** How often the worker looks for versions without text when it found none. */
const IDLE_POLL_MS = 10_000;

/**
 * Extracts the text of uploaded documents in the background (never in the upload request): takes
 * the oldest version whose extraction is pending, reads its text (src/documents/document-text.ts) and
 * stores it with the state done, skipped (a type without text) or failed. Several app instances may
 * run it: the result is written only while the version is still pending, so work done twice is
 * stored once. Runs when DOCUMENT_TEXT_WORKER is on (default).
 */
@Injectable()
export class DocumentTextWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Unterlagen');
  private stopping = false;
  private loop: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private wakeUp: (() => void) | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly db: DatabaseService,
    private readonly storage: DocumentStorage,
    private readonly events: DomainEvents,
  ) {
    // a new upload wakes the loop at once (after its transaction: the worker reads committed rows)
    events.on('document.uploaded', () => {
      setTimeout(() => this.wake(), 50).unref();
      return Promise.resolve();
    });
  }

  onApplicationBootstrap(): void {
    if (!this.config.documents.textWorker) return;
    this.stopping = false;
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.loop;
    this.loop = null;
  }

  private wake(): void {
    this.wakeUp?.();
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let worked = false;
      try {
        worked = await this.runOnce();
      } catch (e) {
        this.logger.error(`Textauszug fehlgeschlagen: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (!worked && !this.stopping) {
        await new Promise<void>((resolve) => {
          this.wakeUp = resolve;
          this.timer = setTimeout(resolve, IDLE_POLL_MS);
        });
        if (this.timer) clearTimeout(this.timer);
        this.wakeUp = null;
      }
    }
  }

  /** Extracts the text of the oldest pending version; false when none is pending. */
  async runOnce(): Promise<boolean> {
    const version = await this.dataSource.getRepository(DocumentVersion).findOne({ where: { extractionState: 'pending' }, order: { id: 'ASC' } });
    if (!version) return false;
    const bytes = await this.storage.read(version.blobSha256);
    let state: DocumentVersion['extractionState'];
    let text: string | null = null;
    if (!bytes) {
      state = 'failed';
    } else {
      try {
        const result = await extractText(version.mimeType, bytes);
        state = result.state;
        text = result.state === 'done' ? result.text : null;
      } catch (e) {
        state = 'failed';
        this.logger.warn(`Kein Text aus Unterlage ${version.documentId} (Fassung ${version.id}): ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    await this.db.write(async (manager) => {
      const updated = await manager.getRepository(DocumentVersion).update({ id: version.id, extractionState: 'pending' }, { extractionState: state, extractedText: text });
      if (!updated.affected || state !== 'done') return;
      const document = await manager.getRepository(MeetingDocument).findOne({ where: { id: version.documentId } });
      if (document) await this.events.publish(manager, 'document.textExtracted', { documentId: document.id, versionId: version.id, meetingId: document.meetingId });
    });
    return true;
  }
}
