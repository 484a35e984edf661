"""bench.school_data: the real-school instance reader and the generator on real areas."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # bench is a folder of the repository, not an installed package

from bench import school_data, school_files  # noqa: E402

SCHOOLS = """URN,EstablishmentName,PhaseOfEducation (name),Easting,Northing,NumberOfPupils,SchoolCapacity
1,North Primary,Primary,1000,0,200,210
2,South Primary,Primary,0,0,180,210
3,High School,Secondary,500,500,900,1000
4,No Capacity Primary,Primary,2000,0,50,
"""
AREAS = """OA21CD,x,y,3,4,5,6,7,8,9,10,11
E1,0,0,9,1,1,1,1,1,1,1,9
E2,1000,2000,0,2,2,2,2,2,2,2,0
E3,5000,5000,4,0,0,0,0,0,0,0,4
"""


def test_directory_in_the_published_formats_gives_the_stated_instance(tmp_path):
    (tmp_path / "edubasealldata.csv").write_text(SCHOOLS)
    (tmp_path / "oa_population.csv").write_text(AREAS)
    problem = school_data.read_directory(tmp_path, fixed_cost=100.0, nearest=2)
    # two primary schools with a capacity; area E3 has no child aged 4-10 and is dropped
    assert problem.n_sites == 2 and problem.n_customers == 2
    assert problem.capacity.tolist() == [210.0, 210.0]
    assert problem.fixed_cost.tolist() == [100.0, 100.0]
    assert problem.demand.tolist() == [7.0, 14.0]
    assert problem.single_source
    cost = dict(zip(zip(problem.pair_site.tolist(), problem.pair_customer.tolist(), strict=True),
                    problem.pair_cost.tolist(), strict=True))
    # E1 at (0, 0): 1 km to North, 0 km (counted as 50 m) to South; E2 at (1, 2) km
    assert cost == pytest.approx({(0, 0): 7.0, (1, 0): 0.35, (0, 1): 28.0,
                                  (1, 1): 14 * np.sqrt(5.0)})


def test_directory_without_a_school_file_is_refused(tmp_path):
    (tmp_path / "oa_population.csv").write_text(AREAS)
    with pytest.raises(SystemExit, match="SchoolCapacity"):
        school_data.read_directory(tmp_path)


def test_generated_instance_is_school_sized_with_ten_percent_slack():
    problem = school_data.generated(seed=0, sites=74, customers=738)
    assert (problem.n_sites, problem.n_customers) == (74, 738)
    assert problem.n_pairs == 738 * school_data.NEAREST
    slack = problem.capacity.sum() / problem.total_demand - 1
    assert 0.09 <= slack <= 0.10
    assert problem.single_source


NATIONAL = """URN,LA (code),LA (name),EstablishmentStatus (name),PhaseOfEducation (name),Easting,Northing,SchoolCapacity
1,358,Trafford,Open,Primary,1000,0,210
2,358,Trafford,Closed,Primary,0,0,210
3,352,Manchester,Open,Primary,0,1000,420
4,358,Trafford,"Open, but proposed to close",Middle deemed primary,0,2000,90
"""


@pytest.mark.parametrize(("la", "expected"), [(None, [210, 420, 90]), ("Trafford", [210, 90]),
                                              ("352", [420])])
def test_national_file_keeps_open_primary_schools_of_the_authority(tmp_path, la, expected):
    (tmp_path / "edubasealldata20240101.csv").write_text(NATIONAL)
    (tmp_path / "oa_population.csv").write_text(AREAS)
    problem = school_data.read_directory(tmp_path, la=la)
    assert problem.capacity.tolist() == expected


# --------------------------------------------------------------------------- published formats

#: GIAS ``edubasealldata*.csv`` columns (a subset, published names), Windows-1252 as
#: published: "Café" is byte 0xE9.
GIAS = ('URN,LA (code),LA (name),EstablishmentName,EstablishmentStatus (name),'
        'PhaseOfEducation (name),StatutoryLowAge,StatutoryHighAge,SchoolCapacity,Easting,'
        'Northing,DistrictAdministrative (code),DistrictAdministrative (name)\n'
        '1,358,Trafford,St Mary Café Primary,Open,Primary,4,11,210,1000,0,E08000009,Trafford\n'
        '2,358,Trafford,Old Primary,Closed,Primary,4,11,210,0,0,E08000009,Trafford\n'
        '3,358,Trafford,Grammar,Open,Secondary,11,18,1200,0,0,E08000009,Trafford\n'
        '4,352,Manchester,City Primary,Open,Primary,4,11,420,3000,0,E08000003,Manchester\n'
        '5,358,Trafford,Lane Primary,Open,Primary,4,11,315,0,0,E08000009,Trafford\n')
#: ONS OA -> LSOA -> MSOA -> LAD lookup (December 2021), published columns.
LOOKUP = ("OA21CD,LSOA21CD,LSOA21NM,MSOA21CD,MSOA21NM,LAD22CD,LAD22NM,LAD22NMW\n"
          "E1,L1,Trafford 001A,M1,Trafford 001,E08000009,Trafford,\n"
          "E2,L1,Trafford 001A,M1,Trafford 001,E08000009,Trafford,\n"
          "E3,L2,Manchester 001A,M2,Manchester 001,E08000003,Manchester,\n")
#: Census 2021 TS007 bulk file (wide): one column per single year of age.
TS007 = ("date,geography,geography code," + ",".join(
    f"Age: Aged {a} years; measures: Value" for a in range(3, 12)) + "\n"
         "2021,E1,E1,9,1,1,1,1,1,1,1,9\n"
         "2021,E2,E2,0,2,2,2,2,2,2,2,0\n"
         "2021,E3,E3,0,5,5,5,5,5,5,5,0\n")
#: ONS population-weighted centroids exported from ArcGIS (metres on the grid).
CENTROIDS = "FID,OA21CD,GlobalID,x,y\n1,E1,{a},0,0\n2,E2,{b},1000,2000\n3,E3,{c},3000,0\n"


def write(folder: Path, files: dict[str, str | bytes]) -> Path:
    for name, text in files.items():
        path = folder / name
        path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return folder


@pytest.mark.parametrize("la", ["Trafford", "358", "e08000009", "TRAFFORD"])
def test_national_gias_in_cp1252_and_census_files_keep_the_authority(tmp_path, la, capsys):
    write(tmp_path, {"edubasealldata20240101.csv": GIAS.encode("cp1252"),
                     "OA21_LSOA21_MSOA21_LAD22_EW_LU.csv": LOOKUP,
                     "census2021-ts007-oa.csv": TS007, "PWC2021.csv": CENTROIDS})
    problem = school_data.read_directory(tmp_path, la=la, nearest=2)
    # schools 1 and 5 (open Trafford primaries); areas E1 (7 children) and E2 (14) by
    # the lookup, not Manchester's E3 (35)
    assert problem.capacity.tolist() == [210.0, 315.0]
    assert problem.demand.tolist() == [7.0, 14.0]
    said = capsys.readouterr().err
    assert "保留 2 所，总容量 525" in said and "输出区：2 个，4-10 岁儿童 21 人" in said
    assert "LAD22CD" in said


def test_long_nomis_format_with_lad_column_and_degrees(tmp_path, capsys):
    long = ["Output Areas Code,Output Areas,Age (101 categories) Code,Age (101 categories),"
            "Observation"]
    for area, per_year in (("E1", 1), ("E3", 5)):
        long += [f"{area},{area},{a},Aged {a} years,{per_year}" for a in range(3, 12)]
        long.append(f"{area},{area},0,Aged under 1 year,40")
    schools = ("URN,EstablishmentName,PhaseOfEducation (name),SchoolCapacity,lon,lat\n"
               "1,Origin Primary,Primary,90,-2.0,49.0\n")
    write(tmp_path, {"schools.csv": schools, "age.csv": "\n".join(long) + "\n",
                     "centroids.csv": "OA21CD,LAD22CD,LAD22NM,x,y\n"
                                      "E1,E1000001,Here,400000,-100000\n"
                                      "E3,E1000002,There,401000,-100000\n"})
    problem = school_data.read_directory(tmp_path, la="here", nearest=1)
    assert problem.demand.tolist() == [7.0]  # ages 4-10 only, E1 only
    assert "小于儿童" not in capsys.readouterr().err
    # the school at 49°N 2°W (WGS84) lies within 200 m of the grid's true origin
    assert problem.pair_cost.tolist()[0] == pytest.approx(7 * 0.05, abs=7 * 0.2)


def test_nomis_2011_download_with_title_lines_and_sex_rows(tmp_path):
    qs103 = ('"QS103EW - Age by single year"\n"ONS Crown Copyright Reserved"\n'
             '"population :","All usual residents"\n\n'
             '"2011 output area","mnemonic","All categories: Age",'
             + ",".join(f'"Age {a}"' for a in range(3, 12)) + "\n"
             '"E1","E1",100,9,1,1,1,1,1,1,1,9\n"E2","E2",100,0,2,2,2,2,2,2,2,0\n\n'
             '"In order to protect against disclosure of personal information…"\n')
    sexes = ("period,area_code,area_name,geography,sex,all_ages,"
             + ",".join(str(a) for a in range(3, 12)) + ",90+\n"
             "2024-06-30,E3,E3,OA,Persons,50,0,4,4,4,4,4,4,4,0,0\n"
             "2024-06-30,E3,E3,OA,Females,25,0,2,2,2,2,2,2,2,0,0\n"
             "2024-06-30,E3,E3,OA,Males,25,0,2,2,2,2,2,2,2,0,0\n")
    schools = ("name,local_authority_code,type,lowest_admission_age,highest_admission_age,"
               "capacity,lon,lat\n"
               "Junior,358,Academies,7,11,240,-2.0,49.0\n"
               "High,358,Academies,11,18,900,-2.0,49.0\n"
               "Nursery,358,Local authority maintained schools,2,4,60,-2.0,49.0\n")
    write(tmp_path, {"schools.csv": schools, "qs103ew.csv": qs103, "mye_oa.csv": sexes,
                     "OA11CD.csv": "OA11CD,X,Y\nE1,400000,-100000\nE2,400000,-99000\n"
                                   "E3,400000,-98000\n"})
    problem = school_data.read_directory(tmp_path)
    assert problem.capacity.tolist() == [240.0]  # highest age 7 to 12: the junior school
    assert problem.demand.tolist() == [7.0, 14.0, 28.0]  # E3: the persons row


def test_areas_without_authority_keep_those_nearest_a_kept_school(tmp_path, capsys):
    write(tmp_path, {"edubasealldata.csv": GIAS, "census2021-ts007-oa.csv": TS007,
                     "PWC2021.csv": CENTROIDS})
    problem = school_data.read_directory(tmp_path, la="358", max_km=2.0)
    # E3 at (3, 0) km is nearest Manchester's school; E1 and E2 are nearest Trafford's
    assert problem.demand.tolist() == [7.0, 14.0]
    assert "3 个中的 2 个" in capsys.readouterr().err


@pytest.mark.parametrize(("files", "la", "message"), [
    ({"edubasealldata.csv": GIAS, "a.csv": TS007, "c.csv": CENTROIDS}, "Bury",
     "没有地方当局“Bury”的开放小学"),
    ({"edubasealldata.csv": GIAS.replace(",Easting,Northing", ",E,N"), "a.csv": TS007},
     None, "找不到坐标列"),
    ({"edubasealldata.csv": GIAS, "a.csv": TS007.replace("Aged", "Band"),
      "c.csv": CENTROIDS}, None, "没有同时具有坐标和分年龄人口的输出区"),
    ({"edubasealldata.csv": GIAS, "a.csv": TS007, "c.csv": CENTROIDS,
      "lu.csv": LOOKUP.replace("E08000009,Trafford", "E08000010,Wigan")}, "Trafford",
     "区域文件的 LAD22CD, LAD22NM 列中没有“358、e08000009、trafford”"),
])
def test_unreadable_folders_are_refused_with_the_reason(tmp_path, files, la, message):
    write(tmp_path, files)
    with pytest.raises(SystemExit, match=message):
        school_data.read_directory(tmp_path, la=la)


AGE_COLUMN = st.sampled_from(["{a}", "Age {a}", "age_{a}", "AGE{a}", "Aged {a}",
                              "Age: Aged {a} years; measures: Value", "Age: Age {a}"])


@given(AGE_COLUMN, st.integers(0, 99), st.integers(0, 99))
def test_age_columns_find_each_published_spelling_and_only_that_age(template, age, other):
    header = ["geography code", template.format(a=age)]
    found = school_data._age_columns(header, other, other)
    assert found == ([header[1]] if other == age else [])


@given(st.sampled_from(["OA21CD", "oa11cd", "OA 2021 Code", "Output Areas Code",
                        "geography code", "GEOGRAPHY_CODE", "GEO_CODE", "mnemonic",
                        "area_code"]),
       st.sampled_from(["", " ", "  "]))
def test_area_code_column_is_found_in_any_published_spelling(name, pad):
    header = ["FID", pad + name + pad, "x", "y"]
    assert school_files.column(header, *school_files.AREA_CODE) == header[1]


@given(st.integers(1, 100))
def test_long_format_age_labels_give_the_single_year(age):
    assert school_data._year_of(f"Aged {age} years") == age
    assert school_data._year_of(str(age)) == age
    assert school_data._year_of(f"Aged {age} to {age + 4} years") is None
    assert school_data._year_of("Aged under 1 year") == 0


def feature(properties: dict, geometry: dict) -> dict:
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def square(x0: float, y0: float, side: float) -> dict:
    ring = [[x0, y0], [x0 + side, y0], [x0 + side, y0 + side], [x0, y0 + side], [x0, y0]]
    return {"type": "Polygon", "coordinates": [ring]}


def test_geojson_polygons_points_and_schools_are_read(tmp_path):
    collection = lambda *features: json.dumps(  # noqa: E731
        {"type": "FeatureCollection", "features": list(features)})
    write(tmp_path, {
        "oa_polygons.geojson": collection(feature({"OA21CD": "E1"}, square(0, 0, 2000)),
                                          feature({"OA21CD": "E2"}, square(4000, 0, 2000))),
        "oa_centroids.geojson": collection(
            feature({"OA21CD": "E2"}, {"type": "Point", "coordinates": [4000, 0]})),
        "schools.geojson": collection(feature(
            {"URN": 1, "PhaseOfEducation (name)": "Primary", "SchoolCapacity": 300},
            {"type": "Point", "coordinates": [1000, 1000]})),
        "population.csv": TS007})
    problem = school_data.read_directory(tmp_path, nearest=1, max_km=5.0)
    assert problem.demand.tolist() == [7.0, 14.0]
    # E1: the centre (1, 1) km of its square, where the school is (50 m); E2: the
    # centroid file's point (4, 0) km, not its square's centre: √10 km
    assert problem.pair_cost.tolist() == pytest.approx([7 * 0.05, 14 * np.sqrt(10.0)])


@given(st.sampled_from(["SchoolCapacity", "capacity", "School capacity (2019)",
                        "school_capacity", "net_capacity", "Capacity 2019"]))
def test_capacity_column_is_found_in_any_published_spelling(name):
    header = ["URN", "NumberOfPupils", name, "Easting"]
    assert school_files.column(header, *school_files.CAPACITY) == name


def test_nomis_api_long_format_keeps_values_of_all_persons(tmp_path):
    rows = ["GEOGRAPHY_CODE,C2021_SEX_3_NAME,C2021_AGE_102_NAME,MEASURES_NAME,OBS_VALUE"]
    for sex, per_year in (("All persons", 2), ("Female", 1), ("Male", 1)):
        for age in range(3, 12):
            rows.append(f"E1,{sex},Aged {age} years,Value,{per_year}")
            rows.append(f"E1,{sex},Aged {age} years,Percent,0.5")
    write(tmp_path, {"schools.csv": "URN,SchoolCapacity,x,y\n1,60,0,0\n",
                     "nomis.csv": "\n".join(rows) + "\n", "pwc.csv": "OA21CD,x,y\nE1,0,0\n"})
    problem = school_data.read_directory(tmp_path)
    assert problem.demand.tolist() == [14.0]  # 7 years × 2 (all persons, values only)


def test_primary_by_age_also_keeps_independent_and_special_schools(tmp_path):
    gias = ("URN,EstablishmentStatus (name),PhaseOfEducation (name),StatutoryLowAge,"
            "StatutoryHighAge,SchoolCapacity,Easting,Northing\n"
            "1,Open,Primary,4,11,210,0,0\n"
            "2,Open,Not applicable,5,11,420,0,0\n"  # an independent school, as in GIAS
            "3,Open,Not applicable,5,18,60,0,0\n"   # a special school for all ages
            "4,Open,Secondary,11,16,900,0,0\n")
    write(tmp_path, {"edubasealldata.csv": gias, "a.csv": TS007, "c.csv": CENTROIDS})
    by_phase = school_data.read_directory(tmp_path)
    by_age = school_data.read_directory(tmp_path, phase=school_data.BY_AGE)
    assert by_phase.capacity.tolist() == [210.0]
    assert by_age.capacity.tolist() == [210.0, 420.0]


def test_primary_by_age_needs_an_age_column(tmp_path):
    write(tmp_path, {"schools.csv": "URN,SchoolCapacity,x,y\n1,60,0,0\n", "a.csv": TS007,
                     "c.csv": CENTROIDS})
    with pytest.raises(SystemExit, match="学校文件没有学龄上限列"):
        school_data.read_directory(tmp_path, phase=school_data.BY_AGE)


#: Every column of a GIAS "all establishment data" download, in the published order.
GIAS_FULL_LINE = (
    "URN,LA (code),LA (name),EstablishmentNumber,EstablishmentName,TypeOfEstablishment (code),"
    "TypeOfEstablishment (name),EstablishmentTypeGroup (code),EstablishmentTypeGroup (name),"
    "EstablishmentStatus (code),EstablishmentStatus (name),ReasonEstablishmentOpened (code),"
    "ReasonEstablishmentOpened (name),OpenDate,ReasonEstablishmentClosed (code),"
    "ReasonEstablishmentClosed (name),CloseDate,PhaseOfEducation (code),"
    "PhaseOfEducation (name),StatutoryLowAge,StatutoryHighAge,Boarders (code),Boarders (name),"
    "NurseryProvision (name),OfficialSixthForm (code),OfficialSixthForm (name),Gender (code),"
    "Gender (name),ReligiousCharacter (code),ReligiousCharacter (name),ReligiousEthos (name),"
    "Diocese (code),Diocese (name),AdmissionsPolicy (code),AdmissionsPolicy (name),"
    "SchoolCapacity,SpecialClasses (code),SpecialClasses (name),CensusDate,NumberOfPupils,"
    "NumberOfBoys,NumberOfGirls,PercentageFSM,TrustSchoolFlag (code),TrustSchoolFlag (name),"
    "Trusts (code),Trusts (name),SchoolSponsorFlag (name),SchoolSponsors (name),"
    "FederationFlag (name),Federations (code),Federations (name),UKPRN,FEHEIdentifier,"
    "FurtherEducationType (name),OfstedLastInsp,OfstedSpecialMeasures (code),"
    "OfstedSpecialMeasures (name),LastChangedDate,Street,Locality,Address3,Town,County (name),"
    "Postcode,SchoolWebsite,TelephoneNum,HeadTitle (name),HeadFirstName,HeadLastName,"
    "HeadPreferredJobTitle,BSOInspectorateName (name),InspectorateReport,"
    "DateOfLastInspectionVisit,NextInspectionVisit,TeenMoth (name),TeenMothPlaces,CCF (name),"
    "SENPRU (name),EBD (name),PlacesPRU,FTProv (name),EdByOther (name),"
    "Section41Approved (name),SEN1 (name),SEN2 (name),SEN3 (name),SEN4 (name),SEN5 (name),"
    "SEN6 (name),SEN7 (name),SEN8 (name),SEN9 (name),SEN10 (name),SEN11 (name),SEN12 (name),"
    "SEN13 (name),TypeOfResourcedProvision (name),ResourcedProvisionOnRoll,"
    "ResourcedProvisionCapacity,SenUnitOnRoll,SenUnitCapacity,GOR (code),GOR (name),"
    "DistrictAdministrative (code),DistrictAdministrative (name),AdministrativeWard (code),"
    "AdministrativeWard (name),ParliamentaryConstituency (code),"
    "ParliamentaryConstituency (name),UrbanRural (code),UrbanRural (name),GSSLACode (name),"
    "Easting,Northing,CensusAreaStatisticWard (name),MSOA (name),LSOA (name),"
    "InspectorateName (name),SENStat,SENNoStat,BoardingEstablishment (name),PropsName,"
    "PreviousLA (code),PreviousLA (name),PreviousEstablishmentNumber,OfstedRating (name),"
    "RSCRegion (name),Country (name),UPRN,SiteName,QABName (code),QABName (name),"
    "EstablishmentAccredited (code),EstablishmentAccredited (name),QABReport,CHNumber,"
    "MSOA (code),LSOA (code)")
GIAS_FULL_HEADER = GIAS_FULL_LINE.split(",")


def gias_row(**values: str) -> str:
    fields = {"ResourcedProvisionCapacity": "999", "SenUnitCapacity": "999",
              "PreviousLA (code)": "358", "PreviousLA (name)": "Trafford", **values}
    return ",".join(f'"{fields.get(h, "")}"' for h in GIAS_FULL_HEADER) + "\n"


def test_full_gias_download_in_cp1252_keeps_the_authority_by_gss_code(tmp_path):
    common = {"EstablishmentStatus (name)": "Open", "PhaseOfEducation (name)": "Primary",
              "StatutoryLowAge": "4", "StatutoryHighAge": "11"}
    text = ('"' + '","'.join(GIAS_FULL_HEADER) + '"\n'
            + gias_row(URN="1", **common, **{"LA (code)": "201", "LA (name)": "Somewhere",
                                            "GSSLACode (name)": "E09000001",
                                            "EstablishmentName": "St Mary’s Café",
                                            "SchoolCapacity": "274", "Easting": "0",
                                            "Northing": "0"})
            + gias_row(URN="2", **common, **{"LA (code)": "358", "LA (name)": "Trafford",
                                            "GSSLACode (name)": "E08000009",
                                            "SchoolCapacity": "90", "Easting": "3000",
                                            "Northing": "0"}))
    write(tmp_path, {"edubasealldata20210401.csv": text.encode("cp1252"), "a.csv": TS007,
                     "c.csv": CENTROIDS})
    problem = school_data.read_directory(tmp_path, la="e09000001")
    # not the 999-place resourced provision or SEN unit, nor the previous authority
    assert problem.capacity.tolist() == [274.0]
    assert problem.demand.tolist() == [7.0, 14.0]  # E3 is nearest the other school


def test_empty_coordinate_columns_of_a_population_file_are_passed_over(tmp_path):
    blank = TS007.replace("date,", "x,y,date,").replace("\n2021,", "\n,,2021,")
    write(tmp_path, {"schools.csv": "URN,SchoolCapacity,x,y\n1,60,0,0\n", "a.csv": blank,
                     "c.csv": CENTROIDS})
    assert school_data.read_directory(tmp_path).demand.tolist() == [7.0, 14.0, 35.0]


def test_too_few_places_are_said(tmp_path, capsys):
    write(tmp_path, {"schools.csv": "URN,SchoolCapacity,x,y\n1,20,0,0\n", "a.csv": TS007,
                     "c.csv": CENTROIDS})
    school_data.read_directory(tmp_path)
    assert "总容量 20 小于儿童 56：实例无可行解；请检查学段" in capsys.readouterr().err


def test_an_area_file_of_one_authority_named_another_way_is_that_authoritys(tmp_path, capsys):
    # Trafford's published files: the schools give the authority as GIAS 358, the output
    # areas (Trafford Data Lab's OA file) as la_code E08000009 / la_name Trafford, one
    # authority in the whole file: its areas are the kept schools' (it used to refuse them)
    write(tmp_path, {
        "schools.csv": "name,local_authority_code,highest_admission_age,capacity,lon,lat\n"
                       "A Primary,358,11,300,-2.30,53.45\n",
        "oa.csv": "area_code,la_code,la_name,lon,lat\n"
                  "E1,E08000009,Trafford,-2.30,53.45\nE2,E08000009,Trafford,-2.31,53.45\n",
        "population.csv": TS007})
    problem = school_data.read_directory(tmp_path, nearest=1)
    assert problem.n_customers == 2 and problem.demand.tolist() == [7.0, 14.0]
    assert "文件只含一个地方当局（E08000009 Trafford），视为所选学校的地方当局" in capsys.readouterr().err


@pytest.mark.parametrize(("flags", "capacity", "demand"), [
    ([], [210.0], [7.0, 14.0, 35.0]),  # phase column, every area within the default 5 km
    (["--max-km", "2"], [210.0], [7.0]),  # E2 is 2.24 km and E3 3 km from school 1
    (["--phase", "age", "--max-km", "2.5"], [210.0, 420.0], [7.0, 14.0, 35.0]),
])
def test_bench_facility_passes_phase_and_distance_to_the_reader(tmp_path, flags, capacity,
                                                                demand):
    from bench import facility

    gias = ("URN,EstablishmentStatus (name),PhaseOfEducation (name),StatutoryLowAge,"
            "StatutoryHighAge,SchoolCapacity,Easting,Northing\n"
            "1,Open,Primary,4,11,210,0,0\n"
            "2,Open,Not applicable,5,11,420,3000,0\n")  # independent: kept by age only
    write(tmp_path, {"edubasealldata.csv": gias, "a.csv": TS007, "c.csv": CENTROIDS})
    args = facility._parser().parse_args(["--realschool", str(tmp_path), *flags])
    [(name, problem)] = facility._school_instances(args)
    assert name == tmp_path.name
    assert problem.capacity.tolist() == capacity
    assert problem.demand.tolist() == demand


def test_bench_facility_runs_a_real_school_instance_end_to_end(capsys):
    # the command issue 16 names, on the small real instance in the repository (16 schools,
    # 161 areas): ours and plain HiGHS, 3 s each; the row names both and the best known
    from bench import facility

    assert facility.main(["--realschool", str(Path("bench/data/tyneside")), "--time-limit", "3",
                          "--json", "--seed", "3"]) == 0
    row = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert row["seed"] == 3  # ours ran with SolveOptions(seed=3)
    assert (row["sites"], row["customers"], row["pupils"], row["capacity"]) == (
        16, 161, 3655.0, 4076.0)
    assert row["best_known"] == min(row["objective"], row["highs_objective"])


def test_bench_facility_with_no_highs_runs_ours_alone(capsys):
    # --no-highs: plain HiGHS is not run, its figures stay empty, the best known is ours
    # (or --best-known when lower); the text row prints "-" for them
    from bench import facility

    args = ["--realschool", str(Path("bench/data/tyneside")), "--time-limit", "2", "--no-highs"]
    assert facility.main([*args, "--json"]) == 0
    row = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert (row["highs_objective"], row["highs_bound"], row["highs_status"], row["highs_cpu"]) == (
        None, None, "not_run", 0.0)
    assert row["best_known"] == row["objective"] and row["highs_gap_to_best"] is None
    assert facility.main([*args, "--best-known", "1"]) == 0
    text = capsys.readouterr().out
    assert "highs  obj=- bound=- gap=- not_run 0.0s cpu 0.0s  to best known -" in text
    assert "best known 1" in text
