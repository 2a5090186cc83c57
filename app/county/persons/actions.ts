"use server";

import { z } from "zod";
import { getDb } from "@/db";
import { defineAction } from "@/lib/action";
import { revealIdNumber, searchPersons } from "@/lib/registry/persons";

// Searches travel in a POST body, never in the URL: ID numbers and names are personal data.
export const searchPersonsAction = defineAction({
  requirement: { permission: "beneficiary.read" },
  input: z
    .object({
      idNumber: z.string().trim().max(18).optional(),
      name: z.string().trim().max(20).optional(),
      townshipCode: z.string().trim().max(12).optional(),
    })
    .refine((q) => q.idNumber || q.name || q.townshipCode, { message: "请输入身份证号、姓名或选择乡镇", path: ["name"] }),
  async run(user, query) {
    return searchPersons(await getDb(), user, query);
  },
});

export const revealIdNumberAction = defineAction({
  requirement: { permission: "beneficiary.reveal" },
  input: z.object({ personId: z.string().uuid("人员编号无效") }),
  async run(user, { personId }) {
    return { idNumber: await revealIdNumber(await getDb(), user, personId) };
  },
});
