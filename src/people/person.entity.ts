import {
  Column,
  CreateDateColumn,
  DeleteDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import { Organisation } from '../organisations/organisation.entity.js';
import { PersonEmail } from './person-email.entity.js';
import { PersonLanguage } from './person-language.entity.js';
import { PersonPhone } from './person-phone.entity.js';
import { PersonTopic } from './person-topic.entity.js';

/** Who may see a group of contact fields. `hidden` fields never leave the server. */
export const VISIBILITIES = ['public', 'members', 'hidden'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export const FORMS_OF_ADDRESS = ['Herr', 'Frau', ''] as const;

@Entity('people')
export class Person {
  @PrimaryGeneratedColumn()
  id: number;

  /** "Herr", "Frau" or empty (no form of address). */
  @Column({ name: 'form_of_address', type: 'varchar', length: 20, default: '' })
  formOfAddress: string;

  @Column({ name: 'academic_title', type: 'varchar', length: 50, nullable: true })
  academicTitle: string | null;

  @Column({ name: 'given_name', type: 'varchar', length: 100 })
  givenName: string;

  @Column({ name: 'family_name', type: 'varchar', length: 100 })
  familyName: string;

  /** Folded family name + given name, for A–Z and ordering independent of case and accents. */
  @Index('idx_people_sort_key')
  @Column({ name: 'sort_key', type: 'varchar', length: 220 })
  sortKey: string;

  @Column({ name: 'function_title', type: 'varchar', length: 200, nullable: true })
  functionTitle: string | null;

  @Index('idx_people_organisation')
  @Column({ name: 'organisation_id', type: 'integer', nullable: true })
  organisationId: number | null;

  @ManyToOne(() => Organisation, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'organisation_id' })
  organisation: Relation<Organisation> | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  room: string | null;

  /** Own address; when street is empty the organisation's address applies. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  street: string | null;

  @Column({ name: 'postal_code', type: 'varchar', length: 10, nullable: true })
  postalCode: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  locality: string | null;

  /** Tasks and goals, plain text; blank lines separate paragraphs, lines starting with "- " are list items. */
  @Column({ type: 'text', nullable: true })
  profile: string | null;

  @Column({ name: 'phone_visibility', type: 'varchar', length: 10, default: 'members' })
  phoneVisibility: Visibility;

  @Column({ name: 'email_visibility', type: 'varchar', length: 10, default: 'members' })
  emailVisibility: Visibility;

  /** Room and postal address. */
  @Column({ name: 'address_visibility', type: 'varchar', length: 10, default: 'members' })
  addressVisibility: Visibility;

  /** When the person agreed to publish contact details; no consent, nothing public. */
  @Column({ name: 'consent_at', type: Date, nullable: true })
  consentAt: Date | null;

  @Column({ name: 'consent_recorded_by', type: 'varchar', length: 200, nullable: true })
  consentRecordedBy: string | null;

  @OneToMany(() => PersonPhone, (p) => p.person, { cascade: true })
  phones: Relation<PersonPhone>[];

  @OneToMany(() => PersonEmail, (e) => e.person, { cascade: true })
  emails: Relation<PersonEmail>[];

  @OneToMany(() => PersonLanguage, (l) => l.person, { cascade: true })
  languages: Relation<PersonLanguage>[];

  @OneToMany(() => PersonTopic, (t) => t.person)
  topics: Relation<PersonTopic>[];

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;

  @DeleteDateColumn({ name: 'deleted_at', nullable: true })
  deletedAt: Date | null;
}
