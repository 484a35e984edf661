"""Teachers: staffing quotas (编制), 县管校聘 two-way selection, 交流轮岗 rotation plans and
training hours. Pure core: no CLI, web or database imports."""
