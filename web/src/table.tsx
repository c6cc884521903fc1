/** A table's header row: column headings (`<th scope="col">`), amounts right-aligned (prefix `#`). */
export function Head({ cols }: { cols: readonly string[] }) {
  return (
    <thead>
      <tr>
        {cols.map((c) =>
          c.startsWith('#') ? (
            <th scope="col" class="num" key={c}>
              {c.slice(1)}
            </th>
          ) : (
            <th scope="col" key={c}>
              {c}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}
