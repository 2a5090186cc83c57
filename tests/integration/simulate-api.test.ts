import { describe, expect, test } from "vitest";
import { POST } from "@/app/api/v1/settlement/simulate/route";

const REQUEST = {
  policy: "pengshui-2023",
  date: "2024-03-15",
  person: { categories: ["DIBAO", "YOUFU"], insuranceTier: 1 },
  visit: {
    kind: "inpatient",
    hospitalLevel: 2,
    location: "county",
    referral: "not_required",
    specialDisease: false,
    transferFromLevel: null,
    totalCost: "120000.00",
    outOfCatalogCost: "15000.00",
    selfPayFirstCost: "5000.00",
  },
};

function post(body: unknown, address = "198.51.100.1") {
  return POST(
    new Request("http://localhost/api/v1/settlement/simulate", {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": address },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
}

describe("POST /api/v1/settlement/simulate", () => {
  test("settles the contract's example exactly (P-BASIC-2, P-CRIT-3, P-ASSIST-4)", async () => {
    const response = await post(REQUEST);
    expect(response.status).toBe(200);
    const result = await response.json();
    expect(result.resolvedCategory).toBe("DIBAO");
    expect(result.amounts).toMatchObject({
      policyRangeCost: "100000.00",
      basicInsurance: "69790.00",
      criticalIllnessInsurance: "13786.50",
      medicalAssistance: "13138.80",
      tiltedAssistance: "0.00",
      outOfPocket: "23284.70",
    });
    expect(result.receipt.id).toMatch(/^[0-9a-f]{16,}$/);
  });

  test("a JSON number for money is refused with the field named, in Chinese", async () => {
    const response = await post({ ...REQUEST, visit: { ...REQUEST.visit, totalCost: 120000 } });
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error).toMatchObject({ code: "INVALID_REQUEST", field: "visit.totalCost" });
    expect(error.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  test("not JSON → 400; an array settles each element in order", async () => {
    expect((await post("{not json")).status).toBe(400);
    const response = await post([REQUEST, { ...REQUEST, date: "2027-01-01" }]);
    expect(response.status).toBe(400);
    const [ok, failed] = await response.json();
    expect(ok.amounts.outOfPocket).toBe("23284.70");
    expect(failed.error.code).toMatch(/NOT_IN_FORCE/);
  });

  test("is rate-limited per address", async () => {
    const address = "203.0.113.77";
    let last = 0;
    for (let i = 0; i < 121; i++) last = (await post(REQUEST, address)).status;
    expect(last).toBe(429);
    const refused = await post(REQUEST, address);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await refused.json()).error.code).toBe("RATE_LIMITED");
    expect((await post(REQUEST, "203.0.113.78")).status).toBe(200);
  });
});
