import { describe, it } from "vitest";
import { requiredBooleanCases } from "../../../test/support/daemon-boolean-cases.js";
import "../../daemon/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./require-icc-disabled.js";

createRuleTester({ describe, it }).run(rule, requiredBooleanCases("icc", false));
