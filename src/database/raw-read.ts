import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Hand-written reads for the hot pages (issue 22): SQL with TypeORM's named parameters (`:id`,
 * `:...ids`), turned into the driver's placeholders, rows returned as the driver gives them.
 */
export function rawRows<T>(manager: EntityManager, sql: string, params: ObjectLiteral = {}): Promise<T[]> {
  const [text, values] = manager.connection.driver.escapeQueryWithParameters(sql, params);
  return manager.query<T[]>(text, values);
}

/**
 * Converts a raw column value exactly as TypeORM does when it hydrates the entity's property (dates,
 * booleans and timestamps differ between the engines), so a raw read equals an entity read.
 */
export function columnHydrator(dataSource: DataSource, entity: EntityTarget<ObjectLiteral>, property: string): (raw: unknown) => unknown {
  const column = dataSource.getMetadata(entity).findColumnWithPropertyName(property);
  if (!column) throw new Error(`No column for property ${property}`);
  return (raw): unknown => (raw === null || raw === undefined ? null : (dataSource.driver.prepareHydratedValue(raw, column) as unknown));
}
