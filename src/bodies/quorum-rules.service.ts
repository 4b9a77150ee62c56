import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { auditChanges, AuditLog } from '../audit/audit-log.service.js';
import { assertMember } from '../auth/access.js';
import { BodyPolicyService } from './body-policy.service.js';
import type { Viewer } from '../auth/viewer.js';
import { todayInBerlin } from '../common/dates.js';
import { notFound } from '../common/errors/user-facing.js';
import { FormRejected } from '../common/forms/form.js';
import { DatabaseService } from '../database/database.service.js';
import { Body } from './body.entity.js';
import { currentMembershipSql } from './current-membership.js';
import { Membership } from './membership.entity.js';
import { parseQuorumRule, type QuorumRule, quorumRuleOf, quorumRuleText } from './quorum.js';
import { BodyQuorumRule } from './quorum-rule.entity.js';

const AUDIT_LABELS = { quorumRule: 'Beschlussfähigkeit' };

export interface QuorumRuleEditing {
  body: Body;
  rule: QuorumRule;
  /** Voting members today (distinct people), the upper bound of a fixed number. */
  votingMembers: number;
}

/**
 * A body's quorum rule (Beschlussfähigkeit): read by the meeting's quorum forecast and the minutes,
 * set by the body's officers (chair, deputy chair, secretary) and administrators.
 */
@Injectable()
export class QuorumRulesService {
  constructor(
    @InjectRepository(BodyQuorumRule) private readonly rules: Repository<BodyQuorumRule>,
    @InjectRepository(Body) private readonly bodies: Repository<Body>,
    @InjectRepository(Membership) private readonly memberships: Repository<Membership>,
    private readonly db: DatabaseService,
    private readonly permissions: BodyPolicyService,
    private readonly audit: AuditLog,
  ) {}

  /** The body's rule; "more than half" when it has none of its own. */
  async ruleOf(bodyId: number): Promise<QuorumRule> {
    return quorumRuleOf(await this.rules.findOne({ where: { bodyId } }));
  }

  /** For the form: anonymous → login, unknown body → 404, without the right → 403. */
  async forEditing(viewer: Viewer, bodyId: number, returnTo: string): Promise<QuorumRuleEditing> {
    assertMember(viewer, returnTo);
    const body = await this.bodies.findOne({ where: { id: bodyId } });
    if (!body) throw notFound('Dieses Gremium gibt es nicht.');
    await this.permissions.assertCanManageBody(viewer, bodyId, returnTo);
    const [rule, votingMembers] = await Promise.all([this.ruleOf(bodyId), this.countVotingMembers(bodyId)]);
    return { body, rule, votingMembers };
  }

  /** Stores the rule (FormRejected with German errors for bad input), with an audit entry on the body. */
  async update(viewer: Viewer, bodyId: number, input: { kind: string; value: string }): Promise<QuorumRule> {
    const { body, rule: before, votingMembers } = await this.forEditing(viewer, bodyId, `/gremien/${bodyId}/beschlussfaehigkeit`);
    const parsed = parseQuorumRule(input.kind, input.value, votingMembers);
    if (!parsed.ok) throw new FormRejected(parsed.errors);
    const rule = parsed.rule;
    await this.db.write(async (manager) => {
      await manager.getRepository(BodyQuorumRule).upsert({ bodyId, kind: rule.kind, value: rule.value }, ['bodyId']);
      const changes = auditChanges(AUDIT_LABELS, { quorumRule: quorumRuleText(before) }, { quorumRule: quorumRuleText(rule) });
      if (changes.length > 0) await this.audit.record(manager, viewer, { action: 'update', entityType: 'body', entityId: bodyId, label: body.name, changes });
    });
    return rule;
  }

  /** Distinct people with a current voting membership in the body today. */
  private async countVotingMembers(bodyId: number): Promise<number> {
    const row = await this.memberships
      .createQueryBuilder('ms')
      .innerJoin('ms.person', 'person')
      .select('COUNT(DISTINCT ms.person_id)', 'n')
      .where('ms.body_id = :bodyId', { bodyId })
      .andWhere('ms.voting_right = :yes', { yes: true })
      .andWhere(currentMembershipSql('ms', 'today'), { today: todayInBerlin() })
      .andWhere('person.deletedAt IS NULL')
      .getRawOne<{ n: number | string }>();
    return Number(row?.n ?? 0);
  }
}
