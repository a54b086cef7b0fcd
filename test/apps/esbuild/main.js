import { getEncoding } from "bytepair/inline";
import { reportInPage } from "./shared/tokenize.js";

reportInPage(getEncoding);
