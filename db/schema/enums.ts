import { pgEnum } from "drizzle-orm/pg-core";
import { CATEGORY_CODES } from "@/lib/policy/types";

// Enumerations are defined once here; zod schemas, filters, labels and the
// permission table derive from these arrays (glossary.md, domain.md "Who uses it").

export const ROLES = ["department", "county_clerk", "county_admin", "supervisor"] as const;
export type Role = (typeof ROLES)[number];
export const roleEnum = pgEnum("role", ROLES);

export const DEPARTMENT_CODES = ["YIBAO", "MINZHENG", "XIANGCUN", "TUIYI", "CANLIAN", "FUPIN"] as const;
export type DepartmentCode = (typeof DEPARTMENT_CODES)[number];
export const departmentEnum = pgEnum("department_code", DEPARTMENT_CODES);

export const REGION_LEVELS = ["country", "province", "city", "county", "township"] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];
export const regionLevelEnum = pgEnum("region_level", REGION_LEVELS);

/** Categories of people (glossary.md): the policy catalogue defines them, the database stores them. */
export { CATEGORY_CODES, type CategoryCode } from "@/lib/policy/types";
export const categoryEnum = pgEnum("category", CATEGORY_CODES);

/** 变动类型 of a department list row (domain.md W1). */
export const CHANGE_TYPES = ["ADD", "REMOVE", "CURRENT"] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];
