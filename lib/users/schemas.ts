import { z } from "zod";
import { ROLES } from "@/db/schema/enums";
import { passwordSchema } from "@/lib/auth/password";
import { LIST_DEPARTMENTS } from "@/lib/registry/department-categories";

export const userIdSchema = z.string({ error: "缺少用户" }).uuid("用户编号无效");

export const createUserSchema = z
  .object({
    username: z
      .string({ error: "请填写用户名" })
      .trim()
      .toLowerCase()
      .regex(/^[a-z][a-z0-9_.-]{2,31}$/, "用户名须为 3–32 位小写字母、数字或 _ . -，并以字母开头"),
    displayName: z.string({ error: "请填写姓名" }).trim().min(1, "请填写姓名").max(40, "姓名不能超过 40 个字"),
    role: z.enum(ROLES, { error: "请选择角色" }),
    // An empty select arrives as "".
    departmentCode: z.preprocess((v) => (v === "" ? undefined : v), z.enum(LIST_DEPARTMENTS, { error: "请选择所属部门" }).optional()),
    password: passwordSchema,
  })
  .superRefine((value, ctx) => {
    if (value.role === "department" && !value.departmentCode) {
      ctx.addIssue({ code: "custom", path: ["departmentCode"], message: "部门用户须选择所属部门" });
    }
  })
  .transform((value) => ({
    ...value,
    departmentCode: value.role === "department" ? value.departmentCode! : null,
  }));
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const setUserActiveSchema = z.object({
  userId: userIdSchema,
  active: z.enum(["true", "false"], { error: "状态无效" }).transform((v) => v === "true"),
});

export const resetPasswordSchema = z.object({ userId: userIdSchema, password: passwordSchema });
