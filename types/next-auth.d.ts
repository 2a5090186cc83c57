import type { DefaultSession } from "next-auth";
import type { DepartmentCode, Role } from "@/db/schema/enums";

declare module "next-auth" {
  interface User {
    id: string;
    role: Role;
    regionScope: string;
    departmentCode: DepartmentCode | null;
  }
  interface Session {
    user: DefaultSession["user"] & { id: string; role: Role; regionScope: string; departmentCode: DepartmentCode | null };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    role?: Role;
    regionScope?: string;
    departmentCode?: DepartmentCode | null;
  }
}
