import { describe, expect, test } from "vitest";
import { createUserSchema } from "@/lib/users/schemas";

const valid = { username: "New.User", displayName: " 张三 ", role: "county_clerk", departmentCode: "", password: "Password2026" };

describe("createUserSchema", () => {
  test("normalises a valid clerk (username lower-cased, no department)", () => {
    expect(createUserSchema.parse(valid)).toEqual({
      username: "new.user",
      displayName: "张三",
      role: "county_clerk",
      departmentCode: null,
      password: "Password2026",
    });
  });

  test.each([
    [{ username: "ab" }, "username", "用户名须为 3–32 位小写字母、数字或 _ . -，并以字母开头"],
    [{ displayName: "" }, "displayName", "请填写姓名"],
    [{ role: "root" }, "role", "请选择角色"],
    [{ role: "department", departmentCode: "" }, "departmentCode", "部门用户须选择所属部门"],
    [{ role: "department", departmentCode: "YIBAO" }, "departmentCode", "请选择所属部门"],
    [{ password: "short1" }, "password", "密码至少 10 位"],
    [{ password: "onlyletterslong" }, "password", "密码须同时包含字母和数字"],
  ])("refuses %j with a Chinese message on %s", (change, field, message) => {
    const result = createUserSchema.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    const issue = result.error!.issues.find((i) => i.path[0] === field);
    expect(issue?.message).toBe(message);
  });

  test("a department user keeps the department", () => {
    expect(createUserSchema.parse({ ...valid, role: "department", departmentCode: "CANLIAN" }).departmentCode).toBe("CANLIAN");
  });
});
