import { describe, expect, it } from "vitest";
import { newMemberId, randomUuid } from "../../../../engine/cluster/group/member-id.js";
import { prngFor } from "../../../../engine/kernel/prng.js";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("member ids (GroupMetadataManager: clientId + '-' + UUID.randomUUID())", () => {
  it("every UUID drawn is well formed: 8-4-4-4-12 lower-case hex digits, version 4, IETF variant, never a minus sign", () => {
    const prng = prngFor(11, "group-coordinator-1");
    for (let i = 0; i < 20_000; i++) {
      const uuid = randomUuid(prng);
      if (!UUID_V4.test(uuid)) expect.fail(`draw ${i} gave a malformed UUID: ${uuid}`);
    }
  });

  it("a member id is the client id, a dash and the UUID; the same seed gives the same ids", () => {
    const draw = (seed: number) => Array.from({ length: 5 }, (_, i) => newMemberId(`consumer-${i}`, prngFor(seed, "group-coordinator-2")));
    const ids = draw(7);
    ids.forEach((id, i) => expect(id).toMatch(new RegExp(`^consumer-${i}-${UUID_V4.source.slice(1)}`)));
    expect(draw(7)).toEqual(ids);
    expect(draw(8)).not.toEqual(ids);
  });
});
