import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Person } from './person.entity.js';

@Entity('person_emails')
export class PersonEmail {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('idx_person_emails_person')
  @Column({ name: 'person_id', type: 'integer' })
  personId: number;

  @ManyToOne(() => Person, (p) => p.emails, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person: Relation<Person>;

  @Column({ type: 'varchar', length: 200 })
  email: string;

  @Column({ type: 'integer', default: 0 })
  position: number;
}
