"""Organisations and people: regions (行政区划), departments (预算部门), units (所属单位), users and roles."""
