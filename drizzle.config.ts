import { defineConfig } from "drizzle-kit";

// Migrations are generated (never pushed), committed, and applied at start by db/migrate.ts.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./drizzle",
});
