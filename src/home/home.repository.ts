import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** The directory totals shown on the start page. */
@Injectable()
export class HomeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** People and organisations in the directory (not removed), in one statement. */
  async counts(): Promise<{ people: number; organisations: number }> {
    const [row] = await this.dataSource.query<{ people: number | string; organisations: number | string }[]>(
      `SELECT (SELECT count(*) FROM people WHERE deleted_at IS NULL) AS people,
              (SELECT count(*) FROM organisations WHERE deleted_at IS NULL) AS organisations`,
    );
    return { people: Number(row.people), organisations: Number(row.organisations) };
  }
}
