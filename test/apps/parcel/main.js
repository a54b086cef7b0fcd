import { getEncoding } from "bytepair";
import { reportInPage } from "./shared/tokenize.js";

reportInPage(getEncoding);
