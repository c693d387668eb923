export { loadMigrations, migrationLabel, MigrationError, type Migration } from './files.js';
export { createMigrator, type Migrator, type MigrationStatus, type MigratorOptions } from './migrator.js';
export { runMigrateCommand } from './cli.js';
