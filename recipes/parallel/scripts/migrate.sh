#!/bin/sh
# A stand-in agent: writes the migration its task is named for (feat/orders-table -> db/orders/001.sql).
set -e
table=$(echo "$WTCRAFT_TASK" | sed 's|.*/||; s|-table$||')
mkdir -p "db/$table"
echo "create table $table (id integer primary key);" > "db/$table/001.sql"
echo "wrote db/$table/001.sql"
