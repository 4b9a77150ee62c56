import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator, type HealthCheckResult } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';

/** Liveness and readiness for load balancers and systemd; JSON, never an HTML page. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly db: TypeOrmHealthIndicator,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** The process is up and answering. */
  @Get()
  live(@Res() res: Response): Promise<void> {
    return this.answer(res, () => this.health.check([]));
  }

  /** The database answers and every migration is applied. */
  @Get('ready')
  ready(@Res() res: Response): Promise<void> {
    return this.answer(res, () =>
      this.health.check([
        () => this.db.pingCheck('database').withTimeout(1500),
        async () => {
          const check = this.indicators.check('migrations');
          const pending = await this.dataSource.showMigrations();
          return pending ? check.down({ message: 'Nicht alle Migrationen sind angewendet.' }) : check.up();
        },
      ]),
    );
  }

  private async answer(res: Response, run: () => Promise<HealthCheckResult>): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    try {
      res.status(200).json(await run());
    } catch (e) {
      if (e instanceof ServiceUnavailableException) {
        res.status(503).json(e.getResponse());
        return;
      }
      throw e;
    }
  }
}
