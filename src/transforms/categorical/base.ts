/** Base of transforms over one categorical column (one value per row). */
import type { ColumnType } from "../../artefact/index.js";
import type { Kind, StateByKind } from "../../artefact/states.js";
import { type CategoricalColumn, requireColumn } from "../../core/categories.js";
import { ColumnTransform } from "../base.js";

export interface PreparedColumn {
  readonly values: CategoricalColumn;
  readonly rows: number;
}

export abstract class CategoricalTransform<K extends Kind, Acc> extends ColumnTransform<CategoricalColumn, K, Acc, PreparedColumn> {
  protected constructor(name: string | undefined) {
    super(name, "x");
  }

  protected get who(): string {
    return `${this.kind} "${this.name}"`;
  }

  protected prepare(values: CategoricalColumn): PreparedColumn {
    const column = requireColumn(values, this.who);
    return { values: column, rows: column.length };
  }

  protected inputType(): ColumnType {
    return "categorical";
  }
}
