"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { defineAction } from "@/lib/action";
import { createUser } from "@/lib/users/create-user";
import { resetPassword } from "@/lib/users/reset-password";
import { setUserActive } from "@/lib/users/set-user-active";
import { createUserSchema, resetPasswordSchema, setUserActiveSchema } from "@/lib/users/schemas";

// Thin actions: parse → authorise → use case → revalidate (style.md §4).

export const createUserAction = defineAction({
  requirement: { permission: "users.manage" },
  input: createUserSchema,
  success: "已添加用户",
  async run(user, input) {
    const created = await createUser(await getDb(), user, input);
    revalidatePath("/county/users");
    return created;
  },
});

export const setUserActiveAction = defineAction({
  requirement: { permission: "users.manage" },
  input: setUserActiveSchema,
  async run(user, input) {
    const result = await setUserActive(await getDb(), user, input);
    revalidatePath("/county/users");
    return result;
  },
});

export const resetPasswordAction = defineAction({
  requirement: { permission: "users.manage" },
  input: resetPasswordSchema,
  success: "已重设密码",
  async run(user, input) {
    return resetPassword(await getDb(), user, input);
  },
});
