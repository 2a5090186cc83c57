import { z } from "zod";

/**
 * Environment, checked once. DATABASE_URL unset → the embedded PGlite database
 * under DATA_DIR (zero-setup demo and tests); set → that PostgreSQL server.
 */
const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL 必须是 postgres:// 连接串")
    .optional(),
  DATA_DIR: z.string().min(1).default(".data"),
  AUTH_SECRET: z.string().min(16, "AUTH_SECRET 至少 16 个字符").optional(),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  SEED_DEMO: z.enum(["0", "1"]).optional(),
});

export type Env = z.infer<typeof envSchema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse({
    ...source,
    DATABASE_URL: source.DATABASE_URL || undefined,
    AUTH_SECRET: source.AUTH_SECRET || undefined,
    NEXTAUTH_SECRET: source.NEXTAUTH_SECRET || undefined,
    SEED_DEMO: source.SEED_DEMO || undefined,
  });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`环境变量有误：${issues}`);
  }
  return parsed.data;
}
