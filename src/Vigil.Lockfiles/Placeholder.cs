namespace Vigil.Versioning;
