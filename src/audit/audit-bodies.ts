import { Injectable } from '@nestjs/common';

/** A body as the log's filter names it. */
export interface AuditBodyOption {
  id: number;
  name: string;
}

/** The bodies module's answer to "which bodies are there" (the audit module sits below bodies). */
export interface AuditBodySource {
  /** Every body, also removed ones (their entries stay in the log), by name. */
  options(): Promise<AuditBodyOption[]>;
}

/**
 * Where the log's body filter asks for the bodies. The bodies module registers its source at
 * start-up (`provide`), so the dependency points from bodies down to audit.
 */
@Injectable()
export class AuditBodies {
  private source: AuditBodySource | null = null;

  provide(source: AuditBodySource): void {
    this.source = source;
  }

  /** The bodies to filter by; none when no source is registered (an app without the bodies module). */
  options(): Promise<AuditBodyOption[]> {
    return this.source ? this.source.options() : Promise.resolve([]);
  }
}
