import { describe, it } from "vitest";
import { requiredBooleanCases } from "../../../test/support/daemon-boolean-cases.js";
import "../../daemon/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./require-live-restore.js";

createRuleTester({ describe, it }).run(rule, requiredBooleanCases("live-restore", true));
