using Vigil.Web;

// `dotnet run --project src/Vigil.Web` and WebApplicationFactory<Program> start here; `vigil serve` calls
// VigilWebApp.Build directly. The database comes from configuration key Vigil:Database (see docs/api.md).
var app = VigilWebApp.Build(args);
await app.RunAsync();

public partial class Program;
